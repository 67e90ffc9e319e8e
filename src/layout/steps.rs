//! Step-by-step reveal (`reveal = "items"`): each top-level list item of
//! a page is one step. The HTML player shows the steps one key press at a
//! time; `deck build --steps` gives the PDF one page per step.

use super::frame::{Item, Marker, Node, Page};

/// Number the stepped items of one page from 1, and return how many
/// steps the page has. An item continued from the page before shows from
/// the start, as does everything when the slide is not revealed.
pub fn number(nodes: &mut [Node], reveal: bool) -> usize {
    let first = items(nodes).filter(|i| i.step > 0 && !matches!(i.marker, Marker::None)).map(|i| i.step).min();
    let mut steps = 0;
    for item in items_mut(nodes) {
        item.step = match first {
            Some(first) if reveal && item.step > 0 && !matches!(item.marker, Marker::None) => item.step + 1 - first,
            _ => 0,
        };
        steps = steps.max(item.step);
    }
    steps
}

/// Every page with steps once per step, showing the items up to it; the
/// copies keep their page number, so links and labels name the slide.
pub fn expand(pages: &[Page]) -> Vec<Page> {
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        if page.steps < 2 {
            out.push(page.clone());
            continue;
        }
        for step in 1..=page.steps {
            let mut copy = page.clone();
            copy.step = step;
            for node in &mut copy.nodes {
                if let Node::List { items, .. } = node {
                    items.retain(|item| item.step <= step);
                }
            }
            out.push(copy);
        }
    }
    out
}

/// The items of the lists at the top of a page: the ones that step.
fn items(nodes: &[Node]) -> impl Iterator<Item = &Item> {
    nodes.iter().flat_map(|node| match node {
        Node::List { items, .. } => items.as_slice(),
        _ => &[],
    })
}

fn items_mut(nodes: &mut [Node]) -> impl Iterator<Item = &mut Item> {
    nodes.iter_mut().flat_map(|node| match node {
        Node::List { items, .. } => items.as_mut_slice(),
        _ => &mut [],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::Shape;
    use crate::layout::frame::ShapeKind;

    fn item(step: usize, continued: bool) -> Item {
        let bullet = Shape {
            kind: ShapeKind::Disc,
            x: 0.0,
            y: 0.0,
            w: 1.0,
            h: 1.0,
            color: crate::theme::Color { r: 0, g: 0, b: 0 },
        };
        Item { marker: if continued { Marker::None } else { Marker::Shape(bullet) }, children: Vec::new(), step }
    }

    fn steps_of(nodes: &[Node]) -> Vec<usize> {
        items(nodes).map(|i| i.step).collect()
    }

    #[test]
    fn steps_count_from_the_first_item_begun_on_the_page() {
        let mut nodes = vec![Node::List { start: None, items: vec![item(4, true), item(5, false), item(6, false)] }];
        assert_eq!(number(&mut nodes, true), 2);
        assert_eq!(steps_of(&nodes), [0, 1, 2]);
        assert_eq!(number(&mut nodes, false), 0);
        assert_eq!(steps_of(&nodes), [0, 0, 0]);
    }

    #[test]
    fn each_step_becomes_a_page_with_the_items_so_far() {
        let mut nodes = vec![Node::List { start: None, items: vec![item(1, false), item(2, false), item(3, false)] }];
        let steps = number(&mut nodes, true);
        let page = Page {
            number: 2,
            slide: 1,
            part: (1, 1),
            layout: crate::model::Layout::Bullets,
            title: "T".into(),
            scale: 1.0,
            size: (960.0, 540.0),
            background: crate::theme::Color { r: 255, g: 255, b: 255 },
            nodes,
            artwork: Vec::new(),
            notes: Vec::new(),
            steps,
            step: 0,
            lang: None,
        };
        let pages = expand(&[page]);
        assert_eq!(pages.len(), 3);
        assert_eq!(
            pages.iter().map(|p| (p.number, p.step, steps_of(&p.nodes).len())).collect::<Vec<_>>(),
            [(2, 1, 1), (2, 2, 2), (2, 3, 3)]
        );
    }
}
