//! A page's content stream, written straight to bytes.
//!
//! printpdf turns a list of operations into lopdf objects and lopdf formats
//! each number and each glyph's hex string through `fmt`: that was a third
//! of the time of writing a PDF. Pages are drawn here instead, with numbers
//! rounded to what a page can show (0.001 pt, colours to 1/10,000).

use crate::theme::Color;

/// Content-stream bytes under construction.
#[derive(Debug, Default)]
pub struct Content {
    bytes: Vec<u8>,
}

impl Content {
    /// The finished stream.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn op(&mut self, operator: &str) {
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    /// A number with at most three decimals, and a space.
    fn num(&mut self, value: f32) {
        self.fixed(value, 1000);
        self.bytes.push(b' ');
    }

    /// `value` rounded to 1/`scale` (a power of ten), without trailing zeros.
    fn fixed(&mut self, value: f32, scale: i64) {
        let scaled = (f64::from(value) * scale as f64).round() as i64;
        if scaled < 0 {
            self.bytes.push(b'-');
        }
        let magnitude = scaled.unsigned_abs();
        let (whole, mut fraction) = (magnitude / scale as u64, magnitude % scale as u64);
        self.int(whole);
        if fraction != 0 {
            self.bytes.push(b'.');
            let mut unit = scale as u64 / 10;
            while fraction != 0 {
                self.bytes.push(b'0' + (fraction / unit) as u8);
                fraction %= unit;
                unit /= 10;
            }
        }
    }

    fn int(&mut self, value: u64) {
        push_int(&mut self.bytes, value as i64);
    }

    fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    /// `q`: save the graphics state.
    pub fn save(&mut self) {
        self.op("q");
    }

    /// `Q`: restore it.
    pub fn restore(&mut self) {
        self.op("Q");
    }

    /// `cm`: concatenate a matrix.
    pub fn transform(&mut self, m: [f32; 6]) {
        for v in m {
            self.num(v);
        }
        self.op("cm");
    }

    /// `rg`: the fill colour.
    pub fn fill_color(&mut self, c: Color) {
        self.rgb(c);
        self.op("rg");
    }

    /// `RG`: the stroke colour.
    pub fn stroke_color(&mut self, c: Color) {
        self.rgb(c);
        self.op("RG");
    }

    fn rgb(&mut self, c: Color) {
        for channel in [c.r, c.g, c.b] {
            self.fixed(f32::from(channel) / 255.0, 10_000);
            self.bytes.push(b' ');
        }
    }

    /// `w`: the stroke width.
    pub fn line_width(&mut self, width: f32) {
        self.num(width);
        self.op("w");
    }

    /// `re`: a rectangle path; `x`, `y` its bottom-left corner.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        for v in [x, y, w, h] {
            self.num(v);
        }
        self.op("re");
    }

    /// `m`: start a subpath.
    pub fn move_to(&mut self, x: f32, y: f32) {
        self.num(x);
        self.num(y);
        self.op("m");
    }

    /// `c`: a cubic Bézier segment.
    pub fn curve_to(&mut self, points: [(f32, f32); 3]) {
        for (x, y) in points {
            self.num(x);
            self.num(y);
        }
        self.op("c");
    }

    /// `h`: close the subpath.
    pub fn close(&mut self) {
        self.op("h");
    }

    /// `f`: fill the path (nonzero).
    pub fn fill(&mut self) {
        self.op("f");
    }

    /// `S`: stroke the path.
    pub fn stroke(&mut self) {
        self.op("S");
    }

    /// `W n`: clip to the path (nonzero) without painting it.
    pub fn clip(&mut self) {
        self.op("W n");
    }

    /// `Do`: paint an XObject.
    pub fn x_object(&mut self, resource: &str) {
        self.name(resource);
        self.op("Do");
    }

    /// `BT`.
    pub fn begin_text(&mut self) {
        self.op("BT");
    }

    /// `ET`.
    pub fn end_text(&mut self) {
        self.op("ET");
    }

    /// `Tf`: the font resource and size.
    pub fn font(&mut self, resource: &str, size: f32) {
        self.name(resource);
        self.num(size);
        self.op("Tf");
    }

    /// `Tm`: put the text origin at (`x`, `y`), unscaled.
    pub fn text_at(&mut self, x: f32, y: f32) {
        self.bytes.extend_from_slice(b"1 0 0 1 ");
        self.num(x);
        self.num(y);
        self.op("Tm");
    }

    /// `TJ`: two-byte glyph codes, each followed by its correction in
    /// thousandths of an em (0: none). Codes without a correction between
    /// them share one string.
    pub fn show(&mut self, glyphs: impl IntoIterator<Item = (u16, f32)>) {
        self.bytes.push(b'[');
        let mut open = false;
        for (code, correction) in glyphs {
            if !open {
                self.bytes.push(b'<');
                open = true;
            }
            push_hex(&mut self.bytes, &code.to_be_bytes());
            if correction != 0.0 {
                self.bytes.push(b'>');
                open = false;
                self.fixed(correction, 100);
            }
        }
        if open {
            self.bytes.push(b'>');
        }
        self.bytes.extend_from_slice(b"] ");
        self.op("TJ");
    }

    /// `BMC`: start marked content.
    pub fn begin_marked(&mut self, tag: &str) {
        self.name(tag);
        self.op("BMC");
    }

    /// `BDC` with an MCID: start the content of a structure element.
    pub fn begin_marked_id(&mut self, tag: &str, mcid: i64) {
        self.name(tag);
        self.bytes.extend_from_slice(b"<</MCID ");
        self.int(mcid.unsigned_abs());
        self.bytes.extend_from_slice(b">> ");
        self.op("BDC");
    }

    /// `BDC` with /ActualText: content whose text is `text`.
    pub fn begin_actual_text(&mut self, text: &str) {
        self.bytes.extend_from_slice(b"/Span <</ActualText <FEFF");
        push_utf16_hex(&mut self.bytes, text);
        self.bytes.extend_from_slice(b">>> ");
        self.op("BDC");
    }

    /// `EMC`: end marked content.
    pub fn end_marked(&mut self) {
        self.op("EMC");
    }
}

/// An integer in decimal (shared with the file writer).
pub(super) fn push_int(out: &mut Vec<u8>, v: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = v.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[at..]);
}

/// Bytes as upper-case hex digits, two per byte.
pub(super) fn push_hex(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in bytes {
        out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]]);
    }
}

/// `text` as UTF-16BE hex digits, four a unit: the body of a PDF text
/// string after its byte-order mark, or of a /ToUnicode destination.
pub(super) fn push_utf16_hex(out: &mut Vec<u8>, text: &str) {
    for unit in text.encode_utf16() {
        push_hex(out, &unit.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_exact_enough() {
        let mut c = Content::default();
        c.rect(64.0, 340.937_87, -0.5, 1e-5);
        c.fill_color(Color { r: 199, g: 215, b: 239 });
        assert_eq!(String::from_utf8(c.into_bytes()).unwrap(), "64 340.938 -0.5 0 re\n0.7804 0.8431 0.9373 rg\n");
    }

    #[test]
    fn glyphs_share_a_string_until_a_correction() {
        let mut c = Content::default();
        c.show([(0x0c, 12.7), (0x11, 0.0), (0x20, -19.53), (0x22, 0.0)]);
        assert_eq!(String::from_utf8(c.into_bytes()).unwrap(), "[<000C>12.7<00110020>-19.53<0022>] TJ\n");
    }

    #[test]
    fn marked_content_carries_its_id_or_its_text() {
        let mut c = Content::default();
        c.begin_marked_id("P", 3);
        c.begin_actual_text("ﬁ");
        assert_eq!(
            String::from_utf8(c.into_bytes()).unwrap(),
            "/P <</MCID 3>> BDC\n/Span <</ActualText <FEFFFB01>>> BDC\n"
        );
    }
}
