//! The deck's theme as Mermaid's: the `base` theme, whose few variables
//! Mermaid derives every other colour from, set from the deck's palette,
//! and the deck's text face.

use crate::theme::Palette;

/// How a deck's diagrams look: its colours and its text face.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// The theme's colours.
    pub palette: Palette,
    /// The family of the deck's text face ("Inter"), which usvg finds
    /// among the deck's faces.
    pub font_family: String,
}

impl Style {
    /// Mermaid's site configuration for this style.
    pub(super) fn site_config(&self) -> serde_json::Value {
        let p = &self.palette;
        // Boxes: a tint of the accent, framed by the accent; text and lines
        // in the deck's text colours, so a dark theme gets a dark diagram.
        let node = p.accent.mix(p.background, 0.82);
        let second = p.link.mix(p.background, 0.85);
        let third = p.muted.mix(p.background, 0.88);
        let colours = [
            ("background", p.background),
            ("primaryColor", node),
            ("primaryBorderColor", p.accent),
            ("primaryTextColor", p.text),
            ("secondaryColor", second),
            ("secondaryBorderColor", p.link),
            ("secondaryTextColor", p.text),
            ("tertiaryColor", third),
            ("tertiaryBorderColor", p.muted),
            ("tertiaryTextColor", p.text),
            ("lineColor", p.muted),
            ("textColor", p.text),
            ("mainBkg", node),
            ("nodeBorder", p.accent),
            ("titleColor", p.text),
            ("edgeLabelBackground", p.background),
            ("actorBkg", node),
            ("actorBorder", p.accent),
            ("actorTextColor", p.text),
            ("signalColor", p.text),
            ("signalTextColor", p.text),
            ("labelBoxBkgColor", node),
            ("labelBoxBorderColor", p.accent),
            ("noteBkgColor", third),
            ("noteBorderColor", p.muted),
            ("noteTextColor", p.text),
            ("pieTitleTextColor", p.text),
            ("pieSectionTextColor", p.text),
            ("pieLegendTextColor", p.text),
            ("pieStrokeColor", p.background),
            ("pieOuterStrokeColor", p.muted),
            ("sectionBkgColor", third),
            ("altSectionBkgColor", p.background),
            ("taskBkgColor", node),
            ("taskBorderColor", p.accent),
            ("taskTextColor", p.text),
            ("taskTextOutsideColor", p.text),
            ("taskTextDarkColor", p.text),
            ("activeTaskBkgColor", second),
            ("activeTaskBorderColor", p.link),
            ("doneTaskBkgColor", third),
            ("doneTaskBorderColor", p.muted),
            ("gridColor", p.muted.mix(p.background, 0.5)),
            ("todayLineColor", p.accent),
        ];
        let mut variables: serde_json::Map<String, serde_json::Value> =
            colours.into_iter().map(|(key, colour)| (key.to_string(), colour.hex().into())).collect();
        variables.insert("darkMode".to_string(), (p.background.luminance() < 0.4).into());
        variables.insert("fontFamily".to_string(), self.font_family.clone().into());
        variables.insert("fontSize".to_string(), "16px".into());
        // Read from across a room: the pie's legend and numbers a little
        // larger than Mermaid's 17 px beside its 16 px labels elsewhere.
        variables.insert("pieLegendTextSize".to_string(), "20px".into());
        variables.insert("pieSectionTextSize".to_string(), "20px".into());
        let mut config = serde_json::Map::new();
        config.insert("theme".to_string(), "base".into());
        // A Gantt chart's labels at 16 px like every other family's (Mermaid
        // sets them at 11), its bars tall enough to hold them.
        let gantt = [("fontSize", 16), ("sectionFontSize", 16), ("barHeight", 28)];
        let gantt: serde_json::Map<String, serde_json::Value> =
            gantt.into_iter().map(|(key, value)| (key.to_string(), value.into())).collect();
        config.insert("gantt".to_string(), gantt.into());
        // A Gantt chart's grid lines are `currentColor` (black) in Mermaid's
        // SVG: in a faint grid colour here, as a browser shows them.
        let grid = p.muted.mix(p.background, 0.6).hex();
        // Its dates at 14 px rather than 10.
        let css = format!(".grid .tick line {{ stroke: {grid}; }} .grid .tick text {{ font-size: 14px; }}");
        config.insert("themeCSS".to_string(), css.into());
        config.insert("fontFamily".to_string(), self.font_family.clone().into());
        config.insert("themeVariables".to_string(), variables.into());
        config.into()
    }
}
