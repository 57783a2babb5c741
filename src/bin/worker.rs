//! Entry point of the analysis web worker (built by Trunk for wasm32).
#[cfg(target_arch = "wasm32")]
fn main() {
    cuoshi::agent::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the analysis worker runs in a browser: see README.md");
    std::process::exit(2);
}
