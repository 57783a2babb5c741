//! Entry point of the analysis web worker (built by Trunk for wasm32), and of the helper
//! worker it starts from the same script under another name (`cuoshi_web::worker::helper`).
#[cfg(target_arch = "wasm32")]
fn main() {
    if cuoshi_web::worker::helper::is_helper() {
        cuoshi_web::worker::helper::serve();
    } else {
        cuoshi_web::worker::agent::serve();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the analysis worker runs in a browser: see README.md");
    std::process::exit(2);
}
