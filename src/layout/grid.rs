//! The fixed grid every slide of a theme shares: where titles sit, where
//! bodies start and end, where the footer goes.

use crate::theme::Theme;

/// Positions derived from the theme, the same for every slide.
#[derive(Debug, Clone, Copy)]
pub struct Grid {
    /// Page width and height, pt.
    pub page: (f32, f32),
    /// Left edge of the safe area, pt.
    pub left: f32,
    /// Width of the safe area, pt.
    pub width: f32,
    /// Top of the safe area, pt.
    pub top: f32,
    /// Bottom of the safe area, pt.
    pub bottom: f32,
    /// Top of the title's first line box on content slides, pt.
    pub title_top: f32,
    /// Top of the accent rule under a one-line title, pt.
    pub rule_top: f32,
    /// Top of the body on content slides, pt.
    pub body_top: f32,
    /// Lowest point body content may reach, pt.
    pub body_bottom: f32,
    /// Top of the footer's line box, pt.
    pub footer_top: f32,
}

/// Line height of slide titles, in ems.
pub const TITLE_LINE_HEIGHT: f32 = 1.15;

impl Grid {
    /// The grid of `theme`.
    pub fn new(theme: &Theme) -> Grid {
        let left = theme.margin_x;
        let top = theme.margin_top;
        let bottom = theme.height - theme.margin_bottom;
        let title_box = theme.title_size * TITLE_LINE_HEIGHT;
        let rule_top = top + title_box + theme.title_size * 0.3;
        let footer_top = bottom - theme.footer_size * 1.25;
        Grid {
            page: (theme.width, theme.height),
            left,
            width: theme.width - 2.0 * left,
            top,
            bottom,
            title_top: top,
            rule_top,
            body_top: rule_top + 3.0 + theme.title_size * 0.75,
            body_bottom: footer_top - theme.footer_size * 1.5,
            footer_top,
        }
    }
}
