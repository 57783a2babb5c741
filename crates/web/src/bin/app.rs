//! Entry point of the web app (built by Trunk for wasm32): mounts the Yew UI.
#[cfg(target_arch = "wasm32")]
fn main() {
    cuoshi_web::page::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the web app runs in a browser: see README.md (scripts/serve.sh)");
    std::process::exit(2);
}
