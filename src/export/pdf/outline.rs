//! The outline (bookmarks), written with lopdf: sections at the top level
//! with their slides beneath, continuation pages folded under their first
//! page; and page labels equal to the numbers printed on the slides.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use crate::layout::Page;
use crate::model::Layout;

/// One bookmark and the ones under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Shown title.
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// Entries beneath it.
    pub children: Vec<Entry>,
    /// Shown unfolded when the document opens.
    pub open: bool,
}

/// The outline tree of `pages`.
pub fn tree(pages: &[Page]) -> Vec<Entry> {
    let mut top: Vec<Entry> = Vec::new();
    let mut in_section = false;
    for (index, page) in pages.iter().enumerate() {
        if page.step > 1 {
            continue; // a slide's later steps: its bookmark names its first
        }
        let entry = Entry { title: page.title.clone(), page: index, children: Vec::new(), open: false };
        if page.part.0 > 1 {
            // A continuation folds under its slide's first page.
            let parent = if in_section { top.last_mut().and_then(|s| s.children.last_mut()) } else { top.last_mut() };
            if let Some(parent) = parent {
                parent.children.push(entry);
                continue;
            }
        }
        match page.layout {
            Layout::Section => {
                in_section = true;
                top.push(Entry { open: true, ..entry });
            }
            Layout::Title => {
                in_section = false;
                top.push(entry);
            }
            _ if in_section => {
                if let Some(section) = top.last_mut() {
                    section.children.push(entry);
                }
            }
            _ => top.push(entry),
        }
    }
    top
}

/// Add the outline and page labels to `doc`'s catalog; `numbers` are the
/// numbers printed on the pages, the labels.
pub fn write(doc: &mut Document, entries: &[Entry], numbers: &[usize]) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let page_labels = Dictionary::from_iter([("Nums", Object::Array(label_ranges(numbers)))]);
    let root = doc.new_object_id();
    let (first, last, count) = items(doc, entries, root, &pages);
    let mut outlines = Dictionary::from_iter([("Type", Object::Name(b"Outlines".to_vec()))]);
    if let (Some(first), Some(last)) = (first, last) {
        outlines.set("First", Object::Reference(first));
        outlines.set("Last", Object::Reference(last));
        outlines.set("Count", Object::Integer(count));
    }
    doc.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("PageLabels", Object::Dictionary(page_labels));
        if first.is_some() {
            catalog.set("Outlines", Object::Reference(root));
        }
    }
}

/// A label range wherever the numbers do not simply count on: at the
/// start, and at each step of a slide built with `--steps`, whose pages
/// all carry the slide's number.
fn label_ranges(numbers: &[usize]) -> Vec<Object> {
    let mut nums = Vec::new();
    for (index, &number) in numbers.iter().enumerate() {
        if index == 0 || numbers[index - 1] + 1 != number {
            let mut range = Dictionary::new();
            range.set("S", Object::Name(b"D".to_vec()));
            if number != 1 {
                range.set("St", Object::Integer(number as i64)); // 1 is the default
            }
            nums.push(Object::Integer(index as i64));
            nums.push(Object::Dictionary(range));
        }
    }
    nums
}

/// Write `entries` under `parent`; returns the first and last item and the
/// number of items visible when the document opens.
fn items(
    doc: &mut Document,
    entries: &[Entry],
    parent: ObjectId,
    pages: &[ObjectId],
) -> (Option<ObjectId>, Option<ObjectId>, i64) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    let mut visible = 0;
    for (i, entry) in entries.iter().enumerate() {
        let (first, last, below) = items(doc, &entry.children, ids[i], pages);
        let mut item = Dictionary::new();
        item.set("Title", text_string(&entry.title));
        item.set("Parent", Object::Reference(parent));
        if let Some(page) = pages.get(entry.page) {
            item.set("Dest", Object::Array(vec![Object::Reference(*page), Object::Name(b"Fit".to_vec())]));
        }
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        if let (Some(first), Some(last)) = (first, last) {
            item.set("First", Object::Reference(first));
            item.set("Last", Object::Reference(last));
            // Positive: shown unfolded; negative: folded.
            item.set("Count", Object::Integer(if entry.open { below } else { -below }));
        }
        visible += 1 + if entry.open { below } else { 0 };
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    (ids.first().copied(), ids.last().copied(), visible)
}

/// A PDF text string: UTF-16BE with a byte-order mark.
pub fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}
