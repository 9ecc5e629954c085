//! The Python scripts under `bench/` that score crossread (the cross-reading scorer, the pile
//! builder) have their own unit tests; they run here so that the README's one test command
//! (`cargo test --workspace`) covers them too. They need only Python 3 and its standard library.

use std::path::Path;
use std::process::Command;

/// Runs `python3 SCRIPT` from the repository root and fails with its output if it fails.
fn run_python_tests(script: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new("python3")
        .arg(script)
        .current_dir(&root)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 {script}: {e} (Python 3 is required)"));
    assert!(
        out.status.success(),
        "python3 {script} failed\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The cross-reading scorer: its matching rules on a hand-made brief, the gold scored against
/// itself, and every gold file in exactly one of the development and held-out sets.
#[test]
fn xread_scorer_unit_tests_pass() {
    run_python_tests("bench/xread/test_score.py");
}

/// The labeled piles for `eval-clusters`: dates, headlines and the story-level piles.
#[test]
fn pile_builder_unit_tests_pass() {
    run_python_tests("bench/test_make_piles.py");
}
