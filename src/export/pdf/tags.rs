//! Tagged PDF: each page's content marked with its place in a structure
//! tree (headings, paragraphs, lists, quotes, code, tables, figures with
//! their alt text), footers and decorations marked as artifacts; the tree
//! itself written as PDF bytes once the pages are drawn.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Content, push_int, push_utf16_hex};
use super::serialize::Written;

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
/// The tree's objects are returned as PDF bytes for the file writer; the
/// catalog and the pages refer to them.
pub fn write(doc: &mut Document, pages: &[Tags]) -> Written {
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root = doc.new_object_id().0;
    let document = doc.new_object_id().0;
    let mut written = Written::new();
    let mut top = Vec::new();
    // The parent tree: for each page, the element owning each MCID.
    let mut parent_tree = b"<</Nums[".to_vec();
    for (index, (tags, page)) in pages.iter().zip(&page_ids).enumerate() {
        let ids: Vec<u32> = tags.elems.iter().map(|_| doc.new_object_id().0).collect();
        for (i, elem) in tags.elems.iter().enumerate() {
            let parent = elem.parent.map_or(document, |p| ids[p]);
            if elem.parent.is_none() {
                top.push(ids[i]);
            }
            let mut out = b"<</Type/StructElem/S/".to_vec();
            out.extend_from_slice(elem.role.as_bytes());
            out.extend_from_slice(b"/P ");
            reference(&mut out, parent);
            out.extend_from_slice(b"/Pg ");
            reference(&mut out, page.0);
            out.extend_from_slice(b"/K[");
            for (k, kid) in elem.kids.iter().enumerate() {
                if k > 0 {
                    out.push(b' ');
                }
                match kid {
                    Kid::Mcid(m) => push_int(&mut out, *m),
                    Kid::Elem(e) => reference(&mut out, ids[*e]),
                }
            }
            out.push(b']');
            if let Some(alt) = &elem.alt {
                out.extend_from_slice(b"/Alt<FEFF");
                push_utf16_hex(&mut out, alt);
                out.push(b'>');
            }
            out.extend_from_slice(b">>");
            written.push((ids[i], out));
        }
        push_int(&mut parent_tree, index as i64);
        references(&mut parent_tree, tags.owners.iter().map(|owner| ids[*owner]));
        if let Ok(Object::Dictionary(page_dict)) = doc.get_object_mut(*page) {
            page_dict.set("StructParents", Object::Integer(index as i64));
            page_dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    parent_tree.extend_from_slice(b"]>>");
    let mut document_elem = b"<</Type/StructElem/S/Document/P ".to_vec();
    reference(&mut document_elem, root);
    document_elem.extend_from_slice(b"/K");
    references(&mut document_elem, top);
    document_elem.extend_from_slice(b">>");
    written.push((document, document_elem));
    let mut tree_root = b"<</Type/StructTreeRoot/K ".to_vec();
    reference(&mut tree_root, document);
    tree_root.extend_from_slice(b"/ParentTree");
    tree_root.extend_from_slice(&parent_tree);
    tree_root.extend_from_slice(b"/ParentTreeNextKey ");
    push_int(&mut tree_root, pages.len() as i64);
    tree_root.extend_from_slice(b">>");
    written.push((root, tree_root));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference((root, 0)));
        catalog.set("MarkInfo", Object::Dictionary(Dictionary::from_iter([("Marked", Object::Boolean(true))])));
    }
    written
}

/// `N 0 R`.
fn reference(out: &mut Vec<u8>, id: u32) {
    push_int(out, i64::from(id));
    out.extend_from_slice(b" 0 R");
}

/// `[N 0 R M 0 R …]`.
fn references(out: &mut Vec<u8>, ids: impl IntoIterator<Item = u32>) {
    out.push(b'[');
    for (k, id) in ids.into_iter().enumerate() {
        if k > 0 {
            out.push(b' ');
        }
        reference(out, id);
    }
    out.push(b']');
}
