//! The Win32 calls PanelDesk needs on Windows, and its only unsafe code
//! (every other crate forbids it): kept in one small crate so that it is
//! read as a whole. On other platforms this crate is empty.

#[cfg(windows)]
pub mod acl;

/// A modal error box: a release build on Windows has no console, so a
/// window that cannot start would otherwise vanish without a word.
#[cfg(windows)]
#[allow(unsafe_code)]
pub fn message_box(title: &str, text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{MessageBoxW, MB_ICONERROR, MB_OK};
    let wide = |s: &str| s.encode_utf16().chain(Some(0)).collect::<Vec<u16>>();
    let (text, title) = (wide(text), wide(title));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call.
    unsafe { MessageBoxW(std::ptr::null_mut(), text.as_ptr(), title.as_ptr(), MB_OK | MB_ICONERROR) };
}
