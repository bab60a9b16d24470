//! WebKitGTK's renderer where there is no GPU to draw with. Its default
//! (DMA-BUF) renderer composites every frame with OpenGL; without a render
//! node (/dev/dri/renderD*: virtual machines, or a 信创 laptop whose GPU
//! has no driver) that is Mesa's software GL, and on the benchmark machine
//! any scroll of a scanned page took 260–450 ms a frame. Without it, frames
//! took 65–80 ms and the window held less memory (docs/benchmarks.md). So
//! when no render node exists and nobody chose otherwise, it is switched
//! off before WebKit starts; a machine with a GPU keeps WebKit's default.

use std::path::Path;

/// The variable WebKitGTK reads; set by the user, it is left as it is.
pub const DMABUF_VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Whether to switch the DMA-BUF renderer off, from what the user set and
/// what `dri` (normally /dev/dri) holds.
pub fn software_only(user_set: bool, dri: &Path) -> bool {
    !user_set && !has_render_node(dri)
}

fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Chooses before anything else runs (main's first line: no other thread
/// exists yet to read the environment while it changes).
#[cfg(target_os = "linux")]
pub fn choose() {
    if software_only(std::env::var_os(DMABUF_VAR).is_some(), Path::new("/dev/dri")) {
        std::env::set_var(DMABUF_VAR, "1");
    }
}

/// Other systems draw with their own engines.
#[cfg(not(target_os = "linux"))]
pub fn choose() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_machine_without_a_render_node_and_no_choice_made_goes_without() {
        let dir = tempfile::tempdir().expect("tmp");
        let dri = dir.path().join("dri");
        assert!(software_only(false, &dri), "no /dev/dri at all");
        std::fs::create_dir(&dri).expect("dri");
        std::fs::write(dri.join("card0"), b"").expect("card");
        assert!(software_only(false, &dri), "a display card but no render node");
        std::fs::write(dri.join("renderD128"), b"").expect("render node");
        assert!(!software_only(false, &dri), "a GPU to render with");
        assert!(!software_only(true, dir.path()), "the user's choice stands");
    }
}
