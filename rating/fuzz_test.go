package rating

import (
	"strings"
	"testing"
)

// FuzzNormalizeNumber: whatever the switch wrote, the normaliser either
// refuses it with a reason or returns 1 to MaxNumberDigits ASCII digits
// that appear, in order, in the input; normalising again changes nothing
// unless a second international prefix is left; and Rate's allocation-free
// path agrees with it.
func FuzzNormalizeNumber(f *testing.F) {
	for _, s := range []string{"+44 20 7946 0018", "0044 (20) 7946-0018", "*98", "", "+", "00", "+0044", "٤٤", "1.212.555.0100", "(+44) 20"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, reason := NormalizeNumber(s)
		var buf [MaxNumberDigits + 3]byte
		b, r2 := appendDigits(buf[:0], s)
		if r2 == "" {
			b, r2 = trimInternational(b)
		}
		if r2 != reason || string(b) != got {
			t.Fatalf("buffer path %q, %q; NormalizeNumber %q, %q", b, r2, got, reason)
		}
		if reason != "" {
			if got != "" {
				t.Fatalf("refused (%s) yet returned %q", reason, got)
			}
			return
		}
		if len(got) == 0 || len(got) > MaxNumberDigits || !plainDigits(got) {
			t.Fatalf("NormalizeNumber(%q) = %q", s, got)
		}
		if !isSubsequence(got, s) {
			t.Fatalf("%q is not drawn from %q", got, s)
		}
		if again, r := NormalizeNumber(got); r == "" && !strings.HasPrefix(got, "00") && again != got {
			t.Fatalf("not stable: %q then %q", got, again)
		}
	})
}

func isSubsequence(sub, s string) bool {
	i := 0
	for j := 0; j < len(s) && i < len(sub); j++ {
		if s[j] == sub[i] {
			i++
		}
	}
	return i == len(sub)
}

// FuzzBill: for any rate a deck accepts and any duration, billing never
// goes negative; a charged call bills at least its duration less the free
// seconds, and what is billed past the first interval is whole next
// intervals; it costs at least the connect fee; and it agrees with
// refBill, the rules written the slow way.
func FuzzBill(f *testing.F) {
	f.Add(26, 25, 8, 0, 0, int64(10000), int64(0))
	f.Add(61, 60, 60, 0, 0, int64(20000), int64(50000))
	f.Add(0, 60, 60, 0, 0, int64(1), int64(1))
	f.Add(59, 60, 60, 5, 60, int64(20000), int64(20000))
	f.Add(30, 1, 1, 0, 0, int64(1), int64(0))
	f.Fuzz(func(t *testing.T, seconds, first, next, grace, free int, price, connect int64) {
		b := Billing{
			PriceMicros: clamp64(price, 0, 1_000_000_000_000), ConnectFeeMicros: clamp64(connect, 0, 1_000_000_000_000),
			FirstInterval: clamp(first, 1, 3600), NextInterval: clamp(next, 1, 3600),
			GraceSeconds: clamp(grace, 0, MaxAllowanceSeconds), FreeSeconds: clamp(free, 0, MaxAllowanceSeconds),
		}
		seconds = clamp(seconds, 0, MaxCallSeconds)
		billed, cost, charged := b.Bill(seconds)
		if billed < 0 || cost < 0 {
			t.Fatalf("negative: %d s, %d micros", billed, cost)
		}
		if !charged {
			if billed != 0 || cost != 0 {
				t.Fatalf("within grace yet %d s, %d micros", billed, cost)
			}
			return
		}
		if billed < seconds-b.FreeSeconds {
			t.Fatalf("billed %d s for %d s less %d free", billed, seconds, b.FreeSeconds)
		}
		if billed > 0 && (billed < b.FirstInterval || (billed-b.FirstInterval)%b.NextInterval != 0) {
			t.Fatalf("billed %d s at %d/%d", billed, b.FirstInterval, b.NextInterval)
		}
		if billed > 0 && billed-b.NextInterval >= seconds-b.FreeSeconds && billed > b.FirstInterval {
			t.Fatalf("billed %d s: one next interval too many for %d s", billed, seconds-b.FreeSeconds)
		}
		if cost < b.ConnectFeeMicros {
			t.Fatalf("cost %d below the connect fee %d", cost, b.ConnectFeeMicros)
		}
		refBilled, refCost := refBill(b, seconds)
		if refBilled != billed || refCost.Shift(6).IntPart() != cost {
			t.Fatalf("%d s %d micros; reference %d s %s", billed, cost, refBilled, refCost)
		}
	})
}

func clamp(v, lo, hi int) int {
	if v < 0 {
		v = -v
	}
	if v < 0 { // the most negative int
		v = 0
	}
	return lo + v%(hi-lo+1)
}

func clamp64(v, lo, hi int64) int64 {
	if v < 0 {
		v = -v
	}
	if v < 0 {
		v = 0
	}
	return lo + v%(hi-lo+1)
}
