package ui

import "github.com/branchbook/branchbook/ui/tariffs"

// This file wires the tool windows of package tariffs to the store: what
// they change redraws every amount shown in USD.

// showTariffs opens the Tariffs window, or brings it forward.
func (c *Controller) showTariffs() {
	if c.tariffs != nil {
		c.tariffs.Win.RequestFocus()
		return
	}
	c.tariffs = tariffs.ShowTariffs(c.app, c.env(c.win), c.store, c.ratesChanged, func() { c.tariffs = nil })
}

// showExchangeRates opens the Exchange Rates window, or brings it forward.
func (c *Controller) showExchangeRates() {
	if c.exchange != nil {
		c.exchange.Win.RequestFocus()
		return
	}
	c.exchange = tariffs.ShowExchangeRates(c.app, c.env(c.win), c.store, c.ratesChanged, func() { c.exchange = nil })
}
