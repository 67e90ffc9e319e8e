//! `deck --help` and each command's help: every command listed, every
//! flag described.

use crate::harness::{deck, root};

fn help(args: &[&str]) -> String {
    let out = deck(&root(), args);
    assert!(out.status.success(), "deck {args:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The entries of a help section ("Commands:", "Options:"), each as its
/// name and its description.
fn section(text: &str, title: &str) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in text.lines().skip_while(|l| *l != title).skip(1).take_while(|l| l.starts_with(' ')) {
        let is_entry = line.starts_with("  ") && !line[2..].starts_with(' ');
        match entries.last_mut() {
            // A description clap wrapped onto the next lines.
            Some((_, description)) if !is_entry => {
                description.push(' ');
                description.push_str(line.trim());
            }
            _ => {
                let l = line.trim();
                let (name, description) = l.split_once("  ").unwrap_or((l, ""));
                entries.push((name.trim().to_string(), description.trim().to_string()));
            }
        }
    }
    entries
}

#[test]
fn the_help_lists_every_command_with_a_description() {
    let text = help(&["--help"]);
    let commands = section(&text, "Commands:");
    let names: Vec<&str> = commands.iter().map(|(n, _)| n.as_str()).collect();
    for command in ["build", "check", "serve", "new", "themes", "completions", "man", "help"] {
        assert!(names.contains(&command), "`{command}` missing from:\n{text}");
    }
    for (name, description) in &commands {
        assert!(!description.is_empty(), "`{name}` has no description:\n{text}");
    }
}

#[test]
fn every_flag_of_every_command_is_described() {
    let commands = section(&help(&["--help"]), "Commands:");
    let mut flags = 0;
    for (command, _) in commands.iter().filter(|(n, _)| n != "help") {
        let text = help(&[command.as_str(), "--help"]);
        let options = section(&text, "Options:");
        assert!(options.len() >= 2, "{command}: no options in:\n{text}");
        for (flag, description) in options {
            assert!(!description.is_empty(), "{command} {flag} has no description:\n{text}");
            flags += 1;
        }
        for (argument, description) in section(&text, "Arguments:") {
            assert!(!description.is_empty(), "{command} {argument} has no description:\n{text}");
        }
    }
    assert!(flags >= 12, "only {flags} flags found");
}

#[test]
fn build_help_shows_examples() {
    let text = help(&["build", "--help"]);
    assert!(text.contains("Examples:\n  deck build briefing.toml"), "{text}");
    assert!(text.contains("--steps"), "{text}");
}
