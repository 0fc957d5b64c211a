//! The `preau` binary.

fn main() -> std::process::ExitCode {
    server::run()
}
