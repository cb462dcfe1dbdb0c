package model

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id cost. 19 MiB, two passes, one lane is the minimum OWASP
// recommends; it takes a few tens of milliseconds here, which a sign-in does
// not feel and a guesser does.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Argon2id cost of a generated card's PIN. A batch of 100,000 cards must
// be made in well under 30 s on two cores, on a busy machine too: 256 KiB
// and one pass take about 0.2 ms a PIN. The cost still makes every guess at a stolen file
// go through Argon2id, but for a short numeric PIN the length is what
// protects it (docs/accounts.md works through the figures).
const (
	pinTime   = 1
	pinMemory = 256
)

// HashPassword returns an encoded, salted Argon2id hash of password, in the
// usual "$argon2id$v=19$m=...,t=...,p=...$salt$hash" form.
func HashPassword(password string) (string, error) {
	return hashArgon2id(password, argonTime, argonMemory)
}

// HashPIN hashes a generated card's PIN at the lighter cost above; the
// hash has the same form, so CheckPassword checks it.
func HashPIN(pin string) (string, error) {
	return hashArgon2id(pin, pinTime, pinMemory)
}

func hashArgon2id(secret string, passes, memory uint32) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(secret), salt, passes, memory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, memory, passes, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches an encoded hash made by
// HashPassword, comparing in constant time. A malformed hash never matches.
func CheckPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory, passes uint32
	var lanes uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &lanes); err != nil || lanes == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, passes, memory, lanes, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}
