//! The `cuoshi` command line: a thin entry point over [`cuoshi::cli`].
fn main() {
    std::process::exit(cuoshi::cli::run(std::env::args().skip(1).collect()));
}
