//! The `cuoshi` command line: a thin entry point over [`cuoshi::cli`].
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cuoshi::cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
