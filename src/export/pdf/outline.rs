//! The outline (bookmarks): sections at the top level with their slides
//! beneath, continuation pages folded under their first page; and page
//! labels equal to the numbers printed on the slides.

use pdf_writer::writers::Catalog;
use pdf_writer::{Name, Ref, TextStr};

use super::file::Objects;

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

/// Write the outline of `entries` (pages by index in `pages`); returns
/// its root, or `None` when it has no entries.
pub fn write(objects: &mut Objects, entries: &[Entry], pages: &[Ref]) -> Option<Ref> {
    if entries.is_empty() {
        return None;
    }
    let root = objects.alloc();
    let (first, last, count) = items(objects, entries, root, pages);
    let mut outline = objects.small(root).outline(root);
    outline.first(first).last(last).count(count);
    Some(root)
}

/// Page labels in the catalog: `numbers` are the numbers printed on the
/// pages. A label range starts wherever they do not simply count on: at
/// the start, and at each step of a slide built with `--steps`, whose
/// pages all carry the slide's number.
pub fn labels(catalog: &mut Catalog, numbers: &[usize]) {
    let mut labels = catalog.insert(Name(b"PageLabels")).dict();
    let mut nums = labels.insert(Name(b"Nums")).array();
    for (index, &number) in numbers.iter().enumerate() {
        if index == 0 || numbers[index - 1] + 1 != number {
            nums.item(index as i32);
            let mut range = nums.push().dict();
            range.pair(Name(b"S"), Name(b"D"));
            if number != 1 {
                range.pair(Name(b"St"), number as i32); // 1 is the default
            }
        }
    }
}

/// Write `entries` under `parent`; returns the first and last item and the
/// number of items visible when the document opens.
fn items(objects: &mut Objects, entries: &[Entry], parent: Ref, pages: &[Ref]) -> (Ref, Ref, i32) {
    let ids: Vec<Ref> = entries.iter().map(|_| objects.alloc()).collect();
    let mut visible = 0;
    for (i, entry) in entries.iter().enumerate() {
        let below = (!entry.children.is_empty()).then(|| items(objects, &entry.children, ids[i], pages));
        let mut item = objects.small(ids[i]).outline_item(ids[i]);
        item.title(TextStr(&entry.title)).parent(parent);
        if let Some(&page) = pages.get(entry.page) {
            item.dest().page(page).fit();
        }
        if i > 0 {
            item.prev(ids[i - 1]);
        }
        if let Some(&next) = ids.get(i + 1) {
            item.next(next);
        }
        let mut shown = 0;
        if let Some((first, last, count)) = below {
            item.first(first).last(last);
            // Positive: shown unfolded; negative: folded.
            item.count(if entry.open { count } else { -count });
            shown = if entry.open { count } else { 0 };
        }
        visible += 1 + shown;
    }
    (ids[0], ids[ids.len() - 1], visible)
}
