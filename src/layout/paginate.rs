//! Distributing chunks over pages and placing them: greedy, never leaving
//! a page empty, list items regrouped into lists with numbering carried on.

use super::flow::{Chunk, ChunkBody};
use super::frame::Node;

/// Total height of chunks set one after another.
pub fn stacked_height(chunks: &[Chunk]) -> f32 {
    chunks
        .iter()
        .enumerate()
        .map(|(i, c)| if i == 0 { c.height } else { c.gap_before + c.height })
        .sum()
}

/// Split chunks into pages of at most `available` pt; a chunk taller than
/// a page gets a page of its own.
pub fn split(chunks: Vec<Chunk>, available: f32) -> Vec<Vec<Chunk>> {
    let mut pages: Vec<Vec<Chunk>> = vec![Vec::new()];
    let mut used = 0.0;
    for chunk in chunks {
        let Some(page) = pages.last_mut() else { break };
        let need = if page.is_empty() { chunk.height } else { used + chunk.gap_before + chunk.height };
        if page.is_empty() || need <= available + 0.01 {
            used = need;
            page.push(chunk);
        } else {
            used = chunk.height;
            pages.push(vec![chunk]);
        }
    }
    pages
}

/// Place one page's chunks from (`x`, `top`) down; returns the nodes.
pub fn place(chunks: Vec<Chunk>, x: f32, top: f32) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut y = top;
    let mut open_list: Option<usize> = None;
    for (i, chunk) in chunks.into_iter().enumerate() {
        if i > 0 {
            y += chunk.gap_before;
        }
        match chunk.body {
            ChunkBody::Nodes(list) => {
                open_list = None;
                for mut node in list {
                    node.shift(x, y);
                    nodes.push(node);
                }
            }
            ChunkBody::Item { list, number, item } => {
                let mut node = Node::List { start: number, items: vec![item] };
                node.shift(x, y);
                let Node::List { items: mut placed, .. } = node else { continue };
                match (open_list == Some(list), nodes.last_mut()) {
                    (true, Some(Node::List { items, .. })) => items.append(&mut placed),
                    _ => nodes.push(Node::List { start: number, items: placed }),
                }
                open_list = Some(list);
            }
        }
        y += chunk.height;
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(height: f32) -> Chunk {
        Chunk { body: ChunkBody::Nodes(Vec::new()), height, gap_before: 10.0, widest: 0.0 }
    }

    #[test]
    fn fills_pages_greedily() {
        let pages = split(vec![chunk(40.0), chunk(40.0), chunk(40.0)], 95.0);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
    }

    #[test]
    fn a_tall_chunk_gets_its_own_page() {
        let pages = split(vec![chunk(10.0), chunk(500.0), chunk(10.0)], 100.0);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [1, 1, 1]);
    }

    #[test]
    fn height_counts_gaps_between_chunks_only() {
        assert_eq!(stacked_height(&[chunk(40.0), chunk(40.0)]), 90.0);
    }
}
