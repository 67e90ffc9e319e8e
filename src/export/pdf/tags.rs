//! Tagged PDF: each page's content marked with its place in a structure
//! tree (headings, paragraphs, lists, quotes, code, tables, figures with
//! their alt text), footers and decorations marked as artifacts; the tree
//! itself written with lopdf after printpdf has serialised the pages.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::Content;

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
    Mcid(i64),
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
        let mcid = self.owners.len() as i64;
        self.owners.push(elem);
        if let Some(e) = self.elems.get_mut(elem) {
            e.kids.push(Kid::Mcid(mcid));
        }
        let role = self.elems.get(elem).map_or("Span", |e| e.role);
        out.begin_marked_id(role, mcid);
    }
}

/// Start content that is not part of the document's text (decoration,
/// page furniture): readers skip it.
pub fn begin_artifact(out: &mut Content) {
    out.begin_marked("Artifact");
}

/// Write the structure tree of all pages and mark the document as tagged.
pub fn write(doc: &mut Document, pages: &[Tags]) {
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    let mut top = Vec::new();
    let mut parent_tree = Vec::new();
    for (index, (tags, page)) in pages.iter().zip(&page_ids).enumerate() {
        let ids: Vec<ObjectId> = tags.elems.iter().map(|_| doc.new_object_id()).collect();
        for (i, elem) in tags.elems.iter().enumerate() {
            let parent = elem.parent.map_or(document, |p| ids[p]);
            if elem.parent.is_none() {
                top.push(Object::Reference(ids[i]));
            }
            let kids: Vec<Object> = elem
                .kids
                .iter()
                .map(|kid| match kid {
                    Kid::Mcid(m) => Object::Integer(*m),
                    Kid::Elem(e) => Object::Reference(ids[*e]),
                })
                .collect();
            let mut dict = Dictionary::from_iter([
                ("Type", Object::Name(b"StructElem".to_vec())),
                ("S", Object::Name(elem.role.as_bytes().to_vec())),
                ("P", Object::Reference(parent)),
                ("Pg", Object::Reference(*page)),
                ("K", Object::Array(kids)),
            ]);
            if let Some(alt) = &elem.alt {
                dict.set("Alt", super::outline::text_string(alt));
            }
            doc.objects.insert(ids[i], Object::Dictionary(dict));
        }
        let owners: Vec<Object> = tags.owners.iter().map(|e| Object::Reference(ids[*e])).collect();
        parent_tree.push(Object::Integer(index as i64));
        parent_tree.push(Object::Array(owners));
        if let Ok(Object::Dictionary(page_dict)) = doc.get_object_mut(*page) {
            page_dict.set("StructParents", Object::Integer(index as i64));
            page_dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    doc.objects.insert(
        document,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(b"Document".to_vec())),
            ("P", Object::Reference(root)),
            ("K", Object::Array(top)),
        ])),
    );
    let tree = Dictionary::from_iter([("Nums", Object::Array(parent_tree))]);
    doc.objects.insert(
        root,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(document)),
            ("ParentTree", Object::Dictionary(tree)),
            ("ParentTreeNextKey", Object::Integer(pages.len() as i64)),
        ])),
    );
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root));
        catalog.set("MarkInfo", Object::Dictionary(Dictionary::from_iter([("Marked", Object::Boolean(true))])));
    }
}
