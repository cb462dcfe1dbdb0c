package storage

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/branchbook/branchbook/model"
)

var (
	june = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	july = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
)

func periodRate(prefix, price string, from, ends time.Time) model.Rate {
	return model.Rate{Prefix: prefix, Price: dec(price), FirstInterval: 60, NextInterval: 60, EffectiveFrom: from, Ends: ends}
}

// TestTariffAllowances: CreateTariff and UpdateTariff store grace and free
// seconds, Tariffs and Tariff read them, out-of-range values are refused,
// and a customer below its owner, or beside another, neither reads nor
// changes a tariff outside its subtree.
func TestTariffAllowances(t *testing.T) {
	ctx := context.Background()
	s, root, cs, _ := manual(t)
	tr, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Grace", Currency: "EUR", GraceSeconds: 5, FreeSeconds: 30})
	if err != nil || tr.GraceSeconds != 5 || tr.FreeSeconds != 30 {
		t.Fatalf("created %+v, %v", tr, err)
	}
	if tr, err = s.UpdateTariff(ctx, root, tr.ID, model.TariffInput{Name: "Grace", Currency: "EUR", GraceSeconds: 3600}); err != nil ||
		tr.GraceSeconds != 3600 || tr.FreeSeconds != 0 {
		t.Fatalf("updated %+v, %v", tr, err)
	}
	_, err = s.UpdateTariff(ctx, root, tr.ID, model.TariffInput{Name: "Grace", Currency: "EUR", GraceSeconds: -1, FreeSeconds: 3601})
	if es := model.FieldErrors(err); es.For("grace_seconds") == nil || es.For("free_seconds") == nil {
		t.Fatalf("out-of-range allowances: %v", err)
	}
	if _, err := s.CreateTariff(ctx, root, model.TariffInput{Name: "Bad", Currency: "EUR", FreeSeconds: 4000}); model.FieldErrors(err).For("free_seconds") == nil {
		t.Fatalf("a new tariff with 4000 free seconds: %v", err)
	}
	list, err := s.Tariffs(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range list {
		if l.ID == tr.ID {
			found = l.GraceSeconds == 3600 && l.FreeSeconds == 0
		}
	}
	if !found {
		t.Fatalf("Tariffs: %+v", list)
	}
	a := sessionOf(t, s, cs["A"].ID)
	if _, err := s.Tariff(ctx, a, tr.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("the owner's tariff seen from below: %v", err)
	}
	if _, err := s.UpdateTariff(ctx, a, tr.ID, model.TariffInput{Name: "Grace", Currency: "EUR"}); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("changing the owner's allowances from below: %v", err)
	}
	own, err := s.CreateTariff(ctx, a, model.TariffInput{Name: "A's", Currency: "EUR", FreeSeconds: 7})
	if err != nil {
		t.Fatal(err)
	}
	b := sessionOf(t, s, cs["B"].ID)
	if _, err := s.Tariff(ctx, b, own.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("a sibling's tariff: %v", err)
	}
	if _, err := s.UpdateTariff(ctx, b, own.ID, model.TariffInput{Name: "A's", Currency: "EUR", FreeSeconds: 1}); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("changing a sibling's tariff: %v", err)
	}
	if got, err := s.Tariff(ctx, a, own.ID); err != nil || got.FreeSeconds != 7 {
		t.Fatalf("after the sibling's try: %+v, %v", got, err)
	}
}

// TestSaveRatePeriods: SaveRate stores a rate's own allowances and period,
// TariffRates reads them back in order, overlapping rates of one prefix
// are refused, and rates of another tariff never count.
func TestSaveRatePeriods(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	old, err := s.SaveRate(ctx, root, eur.ID, periodRate("44", "0.02", time.Time{}, june))
	if err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	next := periodRate("44", "0.03", june.In(paris), july.Add(time.Millisecond))
	next.GraceSeconds, next.FreeSeconds = model.Seconds(0), model.Seconds(30)
	if next, err = s.SaveRate(ctx, root, eur.ID, next); err != nil {
		t.Fatal(err)
	}
	for _, r := range []model.Rate{
		periodRate("44", "0.04", time.Time{}, time.Time{}),
		periodRate("44", "0.04", june.Add(-time.Second), time.Time{}),
		periodRate("44", "0.04", july.Add(-time.Second), time.Time{}),
	} {
		e := model.FieldErrors(func() error { _, err := s.SaveRate(ctx, root, eur.ID, r); return err }()).For("effective_from")
		if e == nil || e.Code != model.CodeDuplicate || e.Params["prefix"] != "44" {
			t.Fatalf("overlapping %v–%v: %v", r.EffectiveFrom, r.Ends, e)
		}
	}
	if _, err := s.SaveRate(ctx, root, eur.ID, periodRate("44", "0.04", july, june)); model.FieldErrors(err).For("ends") == nil {
		t.Fatalf("an end before the start: %v", err)
	}
	last, err := s.SaveRate(ctx, root, eur.ID, periodRate("44", "0.05", july, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	// An edit may move a rate's bounds, but not over its neighbour.
	old.Ends = june.Add(time.Hour)
	if _, err := s.SaveRate(ctx, root, eur.ID, old); model.FieldErrors(err).For("effective_from") == nil {
		t.Fatalf("an edit over the next rate: %v", err)
	}
	old.Ends = june.Add(-time.Hour)
	if _, err := s.SaveRate(ctx, root, eur.ID, old); err != nil {
		t.Fatal(err)
	}

	rates, err := s.TariffRates(ctx, root, eur.ID)
	if err != nil || len(rates) != 3 {
		t.Fatalf("rates %+v, %v", rates, err)
	}
	if rates[0].ID != old.ID || !rates[0].EffectiveFrom.IsZero() || !rates[0].Ends.Equal(june.Add(-time.Hour)) ||
		rates[0].GraceSeconds != nil || rates[0].FreeSeconds != nil {
		t.Fatalf("first %+v", rates[0])
	}
	got := rates[1]
	if got.ID != next.ID || !got.EffectiveFrom.Equal(june) || !got.Ends.Equal(july) || got.EffectiveFrom.Location() != time.UTC ||
		got.GraceSeconds == nil || *got.GraceSeconds != 0 || got.FreeSeconds == nil || *got.FreeSeconds != 30 {
		t.Fatalf("second %+v", got)
	}
	if rates[2].ID != last.ID || !rates[2].Ends.IsZero() {
		t.Fatalf("third %+v", rates[2])
	}

	// A's own tariff holds its own 44, whatever its owner's says; and B,
	// beside A, can neither read nor write A's rates.
	a, b := sessionOf(t, s, cs["A"].ID), sessionOf(t, s, cs["B"].ID)
	own, err := s.CreateTariff(ctx, a, model.TariffInput{Name: "A's", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	mine, err := s.SaveRate(ctx, a, own.ID, periodRate("44", "0.01", time.Time{}, time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	mine.GraceSeconds = model.Seconds(9)
	if _, err := s.SaveRate(ctx, b, own.ID, mine); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("a sibling's rate: %v", err)
	}
	if _, err := s.SaveRate(ctx, a, eur.ID, periodRate("33", "0.01", time.Time{}, time.Time{})); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("a rate in the owner's tariff: %v", err)
	}
	if _, err := s.TariffRates(ctx, b, own.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("a sibling's rates: %v", err)
	}
	// An id from another tariff is not found, and changes nothing there.
	other := rates[1]
	other.GraceSeconds = model.Seconds(1)
	if _, err := s.SaveRate(ctx, a, own.ID, other); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("another tariff's rate id: %v", err)
	}
	if again, _ := s.TariffRates(ctx, root, eur.ID); *again[1].GraceSeconds != 0 {
		t.Fatalf("another tariff's rate changed: %+v", again[1])
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}

// TestImportRatePeriods: an import updates the rate of the same prefix and
// start and adds the others; a file without dates keeps updating by prefix;
// an import that would leave a prefix with overlapping rates saves nothing;
// and an import into a tariff out of reach is refused.
func TestImportRatePeriods(t *testing.T) {
	ctx := context.Background()
	s, root, cs, eur := manual(t)
	res, err := s.ImportRates(ctx, root, eur.ID, []model.Rate{
		periodRate("44", "0.02", time.Time{}, time.Time{}),
		periodRate("49", "0.03", time.Time{}, time.Time{}),
	})
	if err != nil || res.Added != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	// The same file again, the old way: by prefix.
	res, err = s.ImportRates(ctx, root, eur.ID, []model.Rate{periodRate("44", "0.021", time.Time{}, time.Time{})})
	if err != nil || res.Updated != 1 || res.Added != 0 {
		t.Fatalf("again: %+v %v", res, err)
	}
	// A price change: an end on the old rate and the new one after it.
	withFree := periodRate("44", "0.025", june, time.Time{})
	withFree.FreeSeconds = model.Seconds(10)
	res, err = s.ImportRates(ctx, root, eur.ID, []model.Rate{periodRate("44", "0.021", time.Time{}, june), withFree})
	if err != nil || res.Updated != 1 || res.Added != 1 {
		t.Fatalf("a price change: %+v %v", res, err)
	}
	before, err := s.TariffRates(ctx, root, eur.ID)
	if err != nil || len(before) != 3 {
		t.Fatalf("%+v %v", before, err)
	}
	if r := before[1]; !r.EffectiveFrom.Equal(june) || r.FreeSeconds == nil || *r.FreeSeconds != 10 || !r.Price.Equal(dec("0.025")) {
		t.Fatalf("the new rate: %+v", r)
	}
	// Overlaps, with the tariff or within the file, save nothing.
	for name, rates := range map[string][]model.Rate{
		"an open 49 from June beside the open 49": {periodRate("33", "0.01", time.Time{}, time.Time{}), periodRate("49", "0.04", june, time.Time{})},
		"two open 33s":          {periodRate("33", "0.01", time.Time{}, time.Time{}), periodRate("33", "0.02", time.Time{}, time.Time{})},
		"the old 44 open again": {periodRate("44", "0.01", time.Time{}, time.Time{})},
	} {
		_, err := s.ImportRates(ctx, root, eur.ID, rates)
		if e := model.FieldErrors(err).For("effective_from"); e == nil || e.Code != model.CodeDuplicate {
			t.Fatalf("%s: %v", name, err)
		}
	}
	after, _ := s.TariffRates(ctx, root, eur.ID)
	if len(after) != len(before) {
		t.Fatalf("a refused import changed the rates: %+v", after)
	}
	for i := range after {
		if after[i].ID != before[i].ID || !after[i].Price.Equal(before[i].Price) || !after[i].Ends.Equal(before[i].Ends) {
			t.Fatalf("a refused import changed rate %d: %+v", i, after[i])
		}
	}
	a, b := sessionOf(t, s, cs["A"].ID), sessionOf(t, s, cs["B"].ID)
	if _, err := s.ImportRates(ctx, a, eur.ID, []model.Rate{periodRate("33", "0.01", june, july)}); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("an import into the owner's tariff: %v", err)
	}
	own, err := s.CreateTariff(ctx, a, model.TariffInput{Name: "A's", Currency: "EUR"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportRates(ctx, b, own.ID, []model.Rate{periodRate("33", "0.01", june, july)}); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("an import into a sibling's tariff: %v", err)
	}
	// A's tariff is apart from its owner's: the same prefix and period go in.
	if res, err := s.ImportRates(ctx, a, own.ID, []model.Rate{periodRate("44", "0.5", june, time.Time{})}); err != nil || res.Added != 1 {
		t.Fatalf("A's own import: %+v %v", res, err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %+v, %v", r, err)
	}
}

// TestCheckCatchesOverlappingRates: a file whose rates were changed behind
// the store's back, so that two rates of a prefix overlap, fails the check.
func TestCheckCatchesOverlappingRates(t *testing.T) {
	ctx := context.Background()
	s, root, _, eur := manual(t)
	if _, err := s.ImportRates(ctx, root, eur.ID, []model.Rate{
		periodRate("44", "0.02", time.Time{}, june), periodRate("44", "0.03", june, time.Time{}),
		periodRate("49", "0.02", time.Time{}, time.Time{}),
	}); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check before: %+v, %v", r, err)
	}
	if _, err := s.db.Exec(`UPDATE tariff_rates SET ends = ? WHERE prefix = '44' AND ends IS NOT NULL`, formatTime(june.Add(time.Second))); err != nil {
		t.Fatal(err)
	}
	r, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || len(r.Mismatches) != 1 || !strings.Contains(r.Mismatches[0], "prefix 44") {
		t.Fatalf("overlapping rates passed: %+v", r)
	}
}
