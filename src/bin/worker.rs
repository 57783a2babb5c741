//! Entry point of the analysis web worker (built by Trunk for wasm32), and of the helper
//! worker it starts from the same script under another name (`cuoshi::helper`).
#[cfg(target_arch = "wasm32")]
fn main() {
    if cuoshi::helper::is_helper() {
        cuoshi::helper::serve();
    } else {
        cuoshi::agent::register();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the analysis worker runs in a browser: see README.md");
    std::process::exit(2);
}
