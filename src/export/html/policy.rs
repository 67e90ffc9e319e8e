//! The HTML deck's Content-Security-Policy: nothing is loaded or run but
//! what the file itself carries. Pictures and fonts are `data:` URLs,
//! styles are inline, and the only scripts in the markup allowed are
//! those named by their SHA-256: the player, and under `deck serve` its
//! reload script. So text that slipped through as markup (a `<script>`,
//! an `onerror=`) could not run or fetch anything. `'strict-dynamic'`
//! lets a script that already runs add others, which the player never
//! does but accessibility checkers (axe) and browser tools do.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The `<meta>` element, with the policy for the page running `scripts`
/// (each the exact text between `<script>` and `</script>`); `connect`
/// allows requests to the page's own server (the live reload's events).
pub fn meta(scripts: &[&str], connect: bool) -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", policy(scripts, connect))
}

/// Where the policy's `<meta>` starts in a page this exporter wrote.
pub const META_START: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

fn policy(scripts: &[&str], connect: bool) -> String {
    let mut policy = String::from(
        "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; script-src 'strict-dynamic'",
    );
    for script in scripts {
        let digest = Sha256::digest(script.as_bytes());
        policy.push_str(" 'sha256-");
        base64::engine::general_purpose::STANDARD.encode_string(digest, &mut policy);
        policy.push('\'');
    }
    if connect {
        policy.push_str("; connect-src 'self'");
    }
    policy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_named_by_their_sha256() {
        // echo -n 'x' | openssl dgst -sha256 -binary | base64
        assert!(
            meta(&["x"], false)
                .ends_with("script-src 'strict-dynamic' 'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='\">")
        );
        assert!(meta(&["x", "y"], true).ends_with("'; connect-src 'self'\">"));
    }
}
