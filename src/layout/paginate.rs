//! Rows onto pages: greedy, breaking between blocks and items by
//! preference and inside a block only when it is taller than a page.
//! Each page's rows are then placed by [`rows::place`](super::rows::place).

use super::rows::{Frame, Row, stacked_height};

/// Split rows into pages of at most `available` pt.
pub fn split(rows: Vec<Row>, available: f32) -> Vec<Vec<Row>> {
    let mut pages = Pages { pages: vec![Vec::new()], used: 0.0, available, headers: Vec::new() };
    for unit in units(rows) {
        let alone = stacked_height(&unit);
        if pages.fits(pages.gap(&unit[0]) + alone) || (pages.is_empty() && alone <= available + 0.01) {
            unit.into_iter().for_each(|row| pages.push(row));
            continue;
        }
        // Start the unit on a fresh page when it fits there whole, or when
        // fewer than two of its rows would fit here.
        let fit_here = rows_that_fit(&unit, available - pages.used - pages.gap(&unit[0]));
        if !pages.is_empty() && (alone <= available + 0.01 || fit_here < 2) {
            pages.new_page(&unit[0]);
        }
        // The unit is taller than the room: fill row by row.
        for row in unit {
            if !pages.is_empty() && !pages.fits(pages.gap(&row) + row.height) {
                pages.new_page(&row);
            }
            pages.push(row);
        }
    }
    pages.pages
}

/// Pages being filled.
struct Pages {
    pages: Vec<Vec<Row>>,
    used: f32,
    available: f32,
    /// Header rows of the tables seen so far, by table.
    headers: Vec<Row>,
}

impl Pages {
    fn is_empty(&self) -> bool {
        self.pages.last().is_none_or(Vec::is_empty)
    }

    fn gap(&self, row: &Row) -> f32 {
        if self.is_empty() { 0.0 } else { row.gap_before }
    }

    fn fits(&self, height: f32) -> bool {
        self.used + height <= self.available + 0.01
    }

    fn push(&mut self, row: Row) {
        self.used += self.gap(&row) + row.height;
        if row.header {
            self.headers.push(row.clone());
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(row);
        }
    }

    /// Open a page for `next`; a table row continuing there gets its header first.
    fn new_page(&mut self, next: &Row) {
        self.pages.push(Vec::new());
        self.used = 0.0;
        if next.header {
            return;
        }
        let header = self.headers.iter().rev().find(|h| same_table(h, next)).cloned();
        if let Some(header) = header {
            self.used += header.height;
            if let Some(page) = self.pages.last_mut() {
                page.push(header);
            }
        }
    }
}

fn same_table(header: &Row, row: &Row) -> bool {
    match (header.path.last(), row.path.last()) {
        (Some(a @ Frame::Table { .. }), Some(b)) => a.same(b),
        _ => false,
    }
}

/// Rows grouped into units that pages break between: each starts at a
/// block or item boundary, and a row that must not end a page joins the
/// next unit.
fn units(rows: Vec<Row>) -> Vec<Vec<Row>> {
    let mut units: Vec<Vec<Row>> = Vec::new();
    let mut glue = false;
    for row in rows {
        let new_unit = row.boundary && !glue;
        glue = row.keep_with_next;
        match units.last_mut() {
            Some(unit) if !new_unit => unit.push(row),
            _ => units.push(vec![row]),
        }
    }
    units
}

fn rows_that_fit(unit: &[Row], room: f32) -> usize {
    let mut used = 0.0;
    unit.iter()
        .enumerate()
        .take_while(|(i, r)| {
            used += if *i == 0 { r.height } else { r.gap_before + r.height };
            used <= room + 0.01
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::rows::{Content, empty_shape};

    fn row(height: f32, boundary: bool) -> Row {
        Row {
            path: Vec::new(),
            content: Content::Shape(empty_shape()),
            marker: None,
            decorations: Vec::new(),
            height,
            gap_before: if boundary { 10.0 } else { 0.0 },
            boundary,
            keep_with_next: false,
            header: false,
            right: 0.0,
        }
    }

    fn heights(pages: &[Vec<Row>]) -> Vec<Vec<f32>> {
        pages.iter().map(|p| p.iter().map(|r| r.height).collect()).collect()
    }

    #[test]
    fn whole_units_move_to_the_next_page() {
        // Two 3-line paragraphs of 30 pt lines; the second does not fit below the first.
        let rows = vec![
            row(30.0, true),
            row(30.0, false),
            row(30.0, false),
            row(31.0, true),
            row(31.0, false),
            row(31.0, false),
        ];
        let pages = split(rows, 150.0);
        assert_eq!(heights(&pages), [vec![30.0, 30.0, 30.0], vec![31.0, 31.0, 31.0]]);
    }

    #[test]
    fn a_unit_taller_than_a_page_is_split_by_rows() {
        let rows: Vec<Row> = (0..7).map(|i| row(30.0, i == 0)).collect();
        let pages = split(rows, 100.0);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);
    }

    #[test]
    fn a_row_kept_with_the_next_moves_with_it() {
        let mut parent = row(30.0, true);
        parent.keep_with_next = true;
        let rows = vec![row(30.0, true), row(30.0, true), parent, row(30.0, true)];
        let pages = split(rows, 130.0);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
    }

    #[test]
    fn table_headers_repeat_on_continued_pages() {
        let table = Frame::Table { id: 7 };
        let mut header = row(20.0, true);
        header.header = true;
        header.keep_with_next = true;
        let mut rows = vec![header];
        rows.extend((0..6).map(|_| row(30.0, false)));
        for r in &mut rows {
            r.path = vec![table.clone()];
        }
        let pages = split(rows, 100.0);
        assert_eq!(heights(&pages), [vec![20.0, 30.0, 30.0], vec![20.0, 30.0, 30.0], vec![20.0, 30.0, 30.0]]);
    }

    #[test]
    fn stacked_height_counts_gaps_between_rows_only() {
        assert_eq!(stacked_height(&[row(40.0, true), row(40.0, true)]), 90.0);
    }
}
