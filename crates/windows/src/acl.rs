//! Windows: the data folder and its files readable by the user alone. A
//! protected DACL (nothing inherited from the parent) with one entry, the
//! current user's SID with full control, inherited by everything created
//! inside a folder — the Windows counterpart of 0700/0600. Administrators
//! and SYSTEM can still take ownership; an ACL never keeps them out.

use std::os::windows::ffi::OsStrExt;
use std::path::Path;

use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::Security::Authorization::{SetNamedSecurityInfoW, SE_FILE_OBJECT};
use windows_sys::Win32::Security::{
    AddAccessAllowedAceEx, GetLengthSid, GetTokenInformation, InitializeAcl, TokenUser, ACL, ACL_REVISION,
    CONTAINER_INHERIT_ACE, DACL_SECURITY_INFORMATION, OBJECT_INHERIT_ACE, PROTECTED_DACL_SECURITY_INFORMATION,
    TOKEN_QUERY, TOKEN_USER,
};
use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// The one right the data folder's single entry grants: full control.
pub const FULL_CONTROL: u32 = FILE_ALL_ACCESS;

/// The current user's TOKEN_USER, as bytes (its SID points inside them).
#[allow(unsafe_code)]
fn token_user() -> std::io::Result<Vec<u64>> {
    // SAFETY: plain Win32 calls on our own process token; the buffer is
    // sized by the first call and 8-byte aligned (u64) for TOKEN_USER.
    unsafe {
        let mut token: HANDLE = std::ptr::null_mut();
        if OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) == 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut len = 0u32;
        GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &mut len);
        let mut buf = vec![0u64; (len as usize).div_ceil(8).max(1)];
        let ok = GetTokenInformation(token, TokenUser, buf.as_mut_ptr().cast(), len, &mut len);
        let err = std::io::Error::last_os_error();
        CloseHandle(token);
        if ok == 0 {
            return Err(err);
        }
        Ok(buf)
    }
}

/// Replaces the DACL of `path` with the user's full control alone;
/// `inherit` (folders) passes it on to what is created inside.
#[allow(unsafe_code)]
pub fn user_only(path: &Path, inherit: bool) -> std::io::Result<()> {
    // Set on every open, not read back first: reading it back under wine
    // crashed now and then. The cost: Windows re-walks the data folder to
    // pass the entry on, once per start.
    let user = token_user()?;
    let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
    // SAFETY: `user` outlives every use of the SID inside it; the ACL buffer
    // is sized for one ACE with that SID and u32-aligned.
    unsafe {
        let sid = (*(user.as_ptr() as *const TOKEN_USER)).User.Sid;
        // ACL header 8, ACCESS_ALLOWED_ACE header+mask 8, then the SID.
        let size = 8 + 8 + GetLengthSid(sid) as usize;
        let mut acl = vec![0u32; size.div_ceil(4)];
        let pacl = acl.as_mut_ptr() as *mut ACL;
        if InitializeAcl(pacl, (acl.len() * 4) as u32, ACL_REVISION) == 0 {
            return Err(std::io::Error::last_os_error());
        }
        let flags = if inherit { OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE } else { 0 };
        if AddAccessAllowedAceEx(pacl, ACL_REVISION, flags, FILE_ALL_ACCESS, sid) == 0 {
            return Err(std::io::Error::last_os_error());
        }
        let status = SetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            pacl,
            std::ptr::null(),
        );
        if status != 0 {
            return Err(std::io::Error::from_raw_os_error(status as i32));
        }
    }
    Ok(())
}

/// Who may do what on `path`: (protected, [(is the current user, mask)]);
/// the tests read back what [`user_only`] wrote.
#[allow(unsafe_code)]
pub fn entries(path: &Path) -> std::io::Result<(bool, Vec<(bool, u32)>)> {
    use std::ffi::c_void;

    use windows_sys::Win32::Foundation::LocalFree;
    use windows_sys::Win32::Security::Authorization::GetNamedSecurityInfoW;
    use windows_sys::Win32::Security::{
        EqualSid, GetAce, GetSecurityDescriptorControl, ACCESS_ALLOWED_ACE, PSECURITY_DESCRIPTOR, SE_DACL_PROTECTED,
    };
    let user = token_user()?;
    let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
    // SAFETY: the descriptor returned is freed once read; ACE pointers are
    // read only while it lives.
    unsafe {
        let sid = (*(user.as_ptr() as *const TOKEN_USER)).User.Sid;
        let mut dacl: *mut ACL = std::ptr::null_mut();
        let mut sd: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
        let status = GetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut dacl,
            std::ptr::null_mut(),
            &mut sd,
        );
        if status != 0 {
            return Err(std::io::Error::from_raw_os_error(status as i32));
        }
        let (mut control, mut revision) = (0u16, 0u32);
        GetSecurityDescriptorControl(sd, &mut control, &mut revision);
        let mut out = Vec::new();
        if !dacl.is_null() {
            for i in 0..(*dacl).AceCount as u32 {
                let mut ace: *mut c_void = std::ptr::null_mut();
                if GetAce(dacl, i, &mut ace) != 0 {
                    let ace = ace as *const ACCESS_ALLOWED_ACE;
                    let ace_sid = std::ptr::addr_of!((*ace).SidStart) as *mut c_void;
                    out.push((EqualSid(ace_sid, sid) != 0, (*ace).Mask));
                }
            }
        }
        LocalFree(sd);
        Ok((control & SE_DACL_PROTECTED != 0, out))
    }
}
