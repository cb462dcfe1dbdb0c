/*
 * TEST ONLY, NEVER SHIPPED. A stand-in for the bcryptprimitives.dll that
 * Windows 10 and 11 have and Wine 8.0 lacks. Go 1.24 and newer read their
 * random numbers from its ProcessPrng, so without it Branchbook.exe stops
 * before main under Wine ("bcryptprimitives.dll not found"). The Wine check
 * (TestWindowsInWine in cmd/branchbook) builds this file with mingw-w64 and
 * copies the DLL into a throwaway Wine prefix's system32; it never goes
 * into dist/ or into the .exe.
 */
#include <windows.h>
#include <bcrypt.h>

/* Found in the DLL by the check that it stays out of the packages. */
__attribute__((used)) const char branchbook_wine_standin[] = "Branchbook Wine test stand-in, not for release";

/* ProcessPrng fills data with cryptographically random bytes; like the
 * real one it always returns TRUE (a failing system RNG is not survivable). */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x40000000 ? 0x40000000 : (ULONG)size;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			ExitProcess(2);
		data += n;
		size -= n;
	}
	return TRUE;
}
