package changes

import (
	"reflect"
	"testing"

	"github.com/branchbook/branchbook/model"
)

func TestEverySubscriberHearsEachEventInOrder(t *testing.T) {
	var bus Bus
	var heard []string
	bus.Booked.Subscribe(func(e model.Entry) { heard = append(heard, "first") })
	bus.Booked.Subscribe(func(e model.Entry) { heard = append(heard, "second") })
	bus.AccountsChanged.Subscribe(func(model.ID) { heard = append(heard, "accounts") })

	bus.Booked.Publish(model.Entry{ID: 7})
	bus.FileChanged.Publish(struct{}{}) // nobody listens: nothing happens

	if want := []string{"first", "second"}; !reflect.DeepEqual(heard, want) {
		t.Fatalf("heard %v, want %v", heard, want)
	}
}
