//! The `deck` command.

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    deck::timing::mark("main");
    let code = cli::main();
    deck::timing::mark("end of main");
    code
}
