//! The fixed parts of a symbol: finder, separator, timing and alignment patterns, version
//! information, and the reserved format-information area.

use super::grid::{first_bits, Grid, Line, WORDS};
use super::tables::{alignment_pattern_positions, symbol_size};

/// What every symbol of one version shares: its function patterns, and where data goes.
pub(crate) struct Skeleton {
    pub version: u8,
    /// Function-pattern modules drawn; data and format modules light.
    pub modules: Grid,
    /// Dark where a module belongs to a function pattern or the format area (never masked).
    pub function: Grid,
    /// The complement of `function` within the symbol, by row and by column: where codewords
    /// are placed and masks apply.
    pub data_rows: Vec<Line>,
    pub data_cols: Vec<Line>,
    /// The data modules in codeword placement order.
    pub data_order: Vec<(u8, u8)>,
}

impl Skeleton {
    pub fn new(version: u8) -> Skeleton {
        let size = symbol_size(version);
        let mut skeleton = Skeleton {
            version,
            modules: Grid::new(size),
            function: Grid::new(size),
            data_rows: Vec::new(),
            data_cols: Vec::new(),
            data_order: Vec::new(),
        };
        skeleton.draw_timing_patterns();
        // Finders go after the timing patterns, whose ends they overwrite.
        skeleton.draw_finder_pattern(3, 3);
        skeleton.draw_finder_pattern(size - 4, 3);
        skeleton.draw_finder_pattern(3, size - 4);
        skeleton.draw_alignment_patterns();
        skeleton.reserve_format_area();
        skeleton.draw_version_information();
        let inside = first_bits(size);
        let not_function = |line: &Line| -> Line {
            let mut data = [0; WORDS];
            for w in 0..WORDS {
                data[w] = !line[w] & inside[w];
            }
            data
        };
        skeleton.data_rows = skeleton.function.rows().iter().map(not_function).collect();
        skeleton.data_cols = skeleton.function.cols().iter().map(not_function).collect();
        skeleton.data_order = super::placement::data_module_order(&skeleton.function);
        skeleton
    }

    fn size(&self) -> usize {
        self.modules.size()
    }

    fn set_function(&mut self, x: usize, y: usize, dark: bool) {
        self.modules.set(x, y, dark);
        self.function.set(x, y, true);
    }

    fn draw_timing_patterns(&mut self) {
        for i in 0..self.size() {
            self.set_function(6, i, i % 2 == 0);
            self.set_function(i, 6, i % 2 == 0);
        }
    }

    /// A 7x7 finder centred on (x, y) with its light separator; parts outside the symbol clip.
    fn draw_finder_pattern(&mut self, x: usize, y: usize) {
        let size = self.size() as isize;
        for dy in -4isize..=4 {
            for dx in -4isize..=4 {
                let (xx, yy) = (x as isize + dx, y as isize + dy);
                if (0..size).contains(&xx) && (0..size).contains(&yy) {
                    let ring = dx.abs().max(dy.abs());
                    self.set_function(xx as usize, yy as usize, ring != 2 && ring != 4);
                }
            }
        }
    }

    fn draw_alignment_patterns(&mut self) {
        let positions = alignment_pattern_positions(self.version);
        let last = positions.len().saturating_sub(1);
        for (i, &x) in positions.iter().enumerate() {
            for (j, &y) in positions.iter().enumerate() {
                let on_a_finder = (i, j) == (0, 0) || (i, j) == (0, last) || (i, j) == (last, 0);
                if !on_a_finder {
                    self.draw_alignment_pattern(x, y);
                }
            }
        }
    }

    fn draw_alignment_pattern(&mut self, x: usize, y: usize) {
        for dy in 0..5 {
            for dx in 0..5 {
                let ring = (dx as isize - 2).abs().max((dy as isize - 2).abs());
                self.set_function(x + dx - 2, y + dy - 2, ring != 1);
            }
        }
    }

    /// Marks both copies of the format information (drawn per mask by `format`), and draws the
    /// module beside them that is always dark.
    fn reserve_format_area(&mut self) {
        let size = self.size();
        for (x, y) in super::format::positions(size) {
            self.set_function(x, y, false);
        }
        self.set_function(8, size - 8, true);
    }

    /// Two 6x3 copies of the version number with its BCH code, from version 7 on.
    fn draw_version_information(&mut self) {
        if self.version < 7 {
            return;
        }
        let data = u32::from(self.version);
        let mut remainder = data;
        for _ in 0..12 {
            remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25);
        }
        let bits = data << 12 | remainder;
        let size = self.size();
        for i in 0..18 {
            let dark = (bits >> i) & 1 == 1;
            let (a, b) = (size - 11 + i % 3, i / 3);
            self.set_function(a, b, dark);
            self.set_function(b, a, dark);
        }
    }
}
