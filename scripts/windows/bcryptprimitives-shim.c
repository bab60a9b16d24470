/* Tests under wine only, never shipped: Debian 12's wine 8 has no
 * bcryptprimitives.dll, whose ProcessPrng Rust's standard library imports
 * for randomness on Windows. Every Windows 10/11 has the real DLL; this one
 * forwards to RtlGenRandom (advapi32's SystemFunction036), which wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
