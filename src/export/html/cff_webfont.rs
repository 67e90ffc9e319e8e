//! A web font cut from a face with CFF outlines (the Noto CJK faces), which
//! the web-font subsetter cannot cut: the PDF's subsetter keeps the glyphs
//! the pages use, and a character map and the face's OS/2 table are added
//! back so that the browser can find them. Without this, a CJK face would
//! go into the HTML whole (16 MB and more, base64 on top).

use read_fonts::FontRef;
use read_fonts::types::Tag;
use subsetter::GlyphRemapper;

use super::webfonts::Usage;
use crate::text::Face;

/// The web font for `face` covering `usage`, or `None` when it cannot be cut.
pub fn cut(face: &Face, usage: &Usage) -> Option<Vec<u8>> {
    let mapped: Vec<(char, u16)> =
        usage.chars.iter().filter_map(char::from_u32).filter_map(|c| Some((c, face.glyph_of(c)?))).collect();
    let mut glyphs: Vec<u16> = usage.glyphs.iter().filter_map(|g| u16::try_from(g.to_u32()).ok()).collect();
    glyphs.extend(mapped.iter().map(|(_, g)| *g));
    glyphs.push(0);
    glyphs.sort_unstable();
    glyphs.dedup();
    let remap = GlyphRemapper::new_from_glyphs_sorted(&glyphs);
    let subset = subsetter::subset(face.data(), face.index(), &remap).ok()?;
    let original = FontRef::from_index(face.data(), face.index()).ok()?;
    let os2 = original.table_data(Tag::new(b"OS/2"))?;
    let cut = FontRef::new(&subset).ok()?;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = cut
        .table_directory
        .table_records()
        .iter()
        .filter_map(|r| Some((r.tag().to_be_bytes(), cut.table_data(r.tag())?.as_bytes().to_vec())))
        .collect();
    let new_ids: Vec<(char, u16)> = mapped.iter().filter_map(|&(c, g)| Some((c, remap.get(g)?))).collect();
    tables.push((*b"cmap", cmap(&new_ids)));
    tables.push((*b"OS/2", os2.as_bytes().to_vec()));
    Some(sfnt(tables))
}

/// A `cmap` with a format 4 subtable (Unicode BMP, Windows) and a format
/// 12 one (full repertoire), each character its own segment or group.
fn cmap(map: &[(char, u16)]) -> Vec<u8> {
    let mut map = map.to_vec();
    map.sort_unstable();
    map.dedup_by_key(|(c, _)| *c);
    let bmp: Vec<(u16, u16)> = map.iter().filter_map(|&(c, g)| Some((u16::try_from(u32::from(c)).ok()?, g))).collect();

    let mut f4 = Vec::new();
    let seg_count = bmp.len() as u16 + 1;
    let entry_selector = 15 - seg_count.leading_zeros() as u16;
    let search_range = 2 << entry_selector;
    for v in [4, 0, 0, seg_count * 2, search_range, entry_selector, seg_count * 2 - search_range] {
        f4.extend(u16::to_be_bytes(v));
    }
    bmp.iter().for_each(|(c, _)| f4.extend(c.to_be_bytes()));
    f4.extend(0xFFFFu16.to_be_bytes());
    f4.extend(0u16.to_be_bytes()); // reservedPad
    bmp.iter().for_each(|(c, _)| f4.extend(c.to_be_bytes()));
    f4.extend(0xFFFFu16.to_be_bytes());
    bmp.iter().for_each(|(c, g)| f4.extend(g.wrapping_sub(*c).to_be_bytes()));
    f4.extend(1u16.to_be_bytes());
    (0..seg_count).for_each(|_| f4.extend(0u16.to_be_bytes())); // idRangeOffset
    let length = f4.len() as u16;
    f4[2..4].copy_from_slice(&length.to_be_bytes());

    let mut f12 = Vec::new();
    f12.extend(12u16.to_be_bytes());
    f12.extend(0u16.to_be_bytes());
    f12.extend((16 + 12 * map.len() as u32).to_be_bytes());
    f12.extend(0u32.to_be_bytes());
    f12.extend((map.len() as u32).to_be_bytes());
    for (c, g) in &map {
        f12.extend(u32::from(*c).to_be_bytes());
        f12.extend(u32::from(*c).to_be_bytes());
        f12.extend(u32::from(*g).to_be_bytes());
    }

    let mut out = Vec::new();
    out.extend(0u16.to_be_bytes());
    out.extend(2u16.to_be_bytes());
    let first = 4 + 2 * 8;
    for (encoding, offset) in [(1u16, first), (10u16, first + f4.len() as u32)] {
        out.extend(3u16.to_be_bytes());
        out.extend(encoding.to_be_bytes());
        out.extend(offset.to_be_bytes());
    }
    out.extend(f4);
    out.extend(f12);
    out
}

/// An OpenType file of `tables` ("OTTO": CFF outlines), with the table
/// directory's checksums.
fn sfnt(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|(tag, _)| *tag);
    let count = tables.len() as u16;
    let entry_selector = 15 - count.leading_zeros() as u16;
    let search_range = 16 << entry_selector;
    let mut out = b"OTTO".to_vec();
    for v in [count, search_range, entry_selector, count * 16 - search_range] {
        out.extend(v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len() as u32;
    for (tag, data) in &tables {
        out.extend(tag);
        out.extend(checksum(data).to_be_bytes());
        out.extend(offset.to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += (data.len() as u32).next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_character_map_reads_back() {
        let table = cmap(&[('人', 3), ('A', 1), ('😀', 7)]);
        let data = read_fonts::FontData::new(&table);
        let cmap = <read_fonts::tables::cmap::Cmap as read_fonts::FontRead>::read(data).expect("a cmap");
        assert_eq!(cmap.map_codepoint('人').map(|g| g.to_u32()), Some(3));
        assert_eq!(cmap.map_codepoint('A').map(|g| g.to_u32()), Some(1));
        assert_eq!(cmap.map_codepoint('😀').map(|g| g.to_u32()), Some(7));
        assert_eq!(cmap.map_codepoint('B'), None);
    }
}
