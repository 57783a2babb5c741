//! The five reference articles, built in so that a newcomer sees a comparison in one click
//! (the web app's 载入示例 button, `cuoshi analyze --examples`).

/// `(file name, bytes)` of each built-in example, as found on the web (uncleaned).
pub const EXAMPLES: [(&str, &[u8]); 5] = [
    (
        "000_06bc0e056766a6c3.txt",
        include_bytes!("../../../tests/fixtures/seeds/000_06bc0e056766a6c3.txt"),
    ),
    (
        "001_f2e52fa04076f08f.txt",
        include_bytes!("../../../tests/fixtures/seeds/001_f2e52fa04076f08f.txt"),
    ),
    (
        "002_8d4f1b56ddd1a958.txt",
        include_bytes!("../../../tests/fixtures/seeds/002_8d4f1b56ddd1a958.txt"),
    ),
    (
        "003_9068b13d1ddf9a92.txt",
        include_bytes!("../../../tests/fixtures/seeds/003_9068b13d1ddf9a92.txt"),
    ),
    (
        "004_72afcfd04ab40aa2.txt",
        include_bytes!("../../../tests/fixtures/seeds/004_72afcfd04ab40aa2.txt"),
    ),
];
