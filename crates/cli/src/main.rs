//! The `cuoshi` command line: a thin entry point over the command line's module, [`cli`].

mod cli;

fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}
