//! Tagged PDF: each page's content marked with its place in a structure
//! tree (headings, paragraphs, lists, quotes, code, tables, figures with
//! their alt text), footers and decorations marked as artifacts; the tree
//! itself written once the pages are drawn.

use pdf_writer::{Content, Name, Ref, TextStr};

use super::file::Objects;

/// One structure element of a page.
#[derive(Debug, Clone)]
pub struct Elem {
    /// Standard structure type: H1, P, L, LI, Lbl, LBody, Figure, …
    pub role: &'static str,
    /// The element it sits in; `None` for the page's top level.
    pub parent: Option<usize>,
    /// Its content, in reading order.
    pub kids: Vec<Kid>,
    /// Alternate text (figures).
    pub alt: Option<String>,
}

/// A piece of an element: marked content on the page, or a child element.
#[derive(Debug, Clone, Copy)]
pub enum Kid {
    /// Marked content with this MCID.
    Mcid(i32),
    /// Another element of the same page.
    Elem(usize),
}

/// The structure of one page as it is drawn.
#[derive(Debug, Default, Clone)]
pub struct Tags {
    /// Elements; top-level ones have no parent.
    pub elems: Vec<Elem>,
    /// MCID → element holding it.
    pub owners: Vec<usize>,
    /// The page's language when it is not the document's (/Lang on its
    /// top-level elements, for screen readers).
    pub lang: Option<String>,
}

impl Tags {
    /// Open an element under `parent`.
    pub fn open(&mut self, role: &'static str, parent: Option<usize>) -> usize {
        self.elems.push(Elem { role, parent, kids: Vec::new(), alt: None });
        let id = self.elems.len() - 1;
        if let Some(p) = parent.and_then(|p| self.elems.get_mut(p)) {
            p.kids.push(Kid::Elem(id));
        }
        id
    }

    /// Start marked content belonging to `elem`.
    pub fn begin(&mut self, out: &mut Content, elem: usize) {
        let mcid = self.owners.len() as i32;
        self.owners.push(elem);
        if let Some(e) = self.elems.get_mut(elem) {
            e.kids.push(Kid::Mcid(mcid));
        }
        let role = self.elems.get(elem).map_or("Span", |e| e.role);
        out.begin_marked_content_with_properties(Name(role.as_bytes())).properties().identify(mcid);
    }
}

/// Start content that is not part of the document's text (decoration,
/// page furniture): readers skip it.
pub fn begin_artifact(out: &mut Content) {
    out.begin_marked_content(Name(b"Artifact"));
}

/// Write the structure tree of `pages` (the page objects `page_ids`);
/// returns the tree's root, for the catalog.
pub fn write(objects: &mut Objects, pages: &[&Tags], page_ids: &[Ref]) -> Ref {
    let root = objects.alloc();
    let document = objects.alloc();
    let mut top = Vec::new();
    // For each page, the element owning each MCID: the parent tree.
    let mut owners: Vec<Vec<Ref>> = Vec::with_capacity(pages.len());
    for (tags, &page) in pages.iter().zip(page_ids) {
        let ids: Vec<Ref> = tags.elems.iter().map(|_| objects.alloc()).collect();
        for (elem, &id) in tags.elems.iter().zip(&ids) {
            let parent = elem.parent.map_or(document, |p| ids[p]);
            if elem.parent.is_none() {
                top.push(id);
            }
            let mut writer = objects.small(id).struct_element(id);
            writer.custom_kind(Name(elem.role.as_bytes())).parent(parent).page(page);
            {
                let mut kids = writer.children();
                for kid in &elem.kids {
                    match kid {
                        Kid::Mcid(m) => kids.marked_content_id(*m),
                        Kid::Elem(e) => kids.struct_element(ids[*e]),
                    };
                }
            }
            if let Some(alt) = &elem.alt {
                writer.alt(TextStr(alt));
            }
            if let Some(lang) = tags.lang.as_deref().filter(|_| elem.parent.is_none()) {
                writer.lang(TextStr(lang));
            }
        }
        owners.push(tags.owners.iter().map(|owner| ids[*owner]).collect());
    }
    {
        let mut writer = objects.small(document).struct_element(document);
        writer.custom_kind(Name(b"Document")).parent(root);
        let mut kids = writer.children();
        for id in top {
            kids.struct_element(id);
        }
    }
    let mut tree = objects.small(root).indirect(root).dict();
    tree.pair(Name(b"Type"), Name(b"StructTreeRoot"));
    tree.pair(Name(b"K"), document);
    {
        let mut nums = tree.insert(Name(b"ParentTree")).dict();
        let mut nums = nums.insert(Name(b"Nums")).array();
        for (index, refs) in owners.iter().enumerate() {
            nums.item(index as i32);
            nums.push().array().items(refs.iter().copied());
        }
    }
    tree.pair(Name(b"ParentTreeNextKey"), pages.len() as i32);
    root
}
