//! Shared test and benchmark texts.

/// The study's load texts: its load generator rotated over these ten URLs. The benchmark, the
/// tests of every tier and the HTTP load runs use them so their figures compare with the study's.
pub const STUDY_URLS: [&str; 10] = [
    "https://github.com/pretzelhammer/rust-blog",
    "https://www.reddit.com/r/rustjerk/top/?t=all",
    "https://youtu.be/cE0wfjsybIQ?t=74",
    "https://www.reddit.com/r/rust/top/?t=month",
    "https://devswag.com/products/rust-ferris",
    "https://www.youtube.com/watch?v=TGfQu0bQTKc",
    "https://tourofrust.com",
    "https://github.com/rust-lang/rustlings",
    "https://exercism.org/tracks/rust",
    "https://en.wikipedia.org/wiki/Carcinisation",
];
