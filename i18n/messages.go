package i18n

// messages maps each English UI text (the key, which is also the English
// translation) to its translations. Keys and texts are fmt-style format
// strings for the x/text message printer: every verb in a key must appear in
// each translation, and a literal percent sign is written "%%". A language
// missing from an entry falls back to the English key; Missing lists such
// gaps.
var messages = map[string]map[Lang]string{
	"Name": {
		Spanish:           "Nombre",
		PortugueseBR:      "Nome",
		French:            "Nom",
		German:            "Name",
		Russian:           "Имя",
		ChineseSimplified: "名称",
	},
	"Cancel": {
		Spanish:           "Cancelar",
		PortugueseBR:      "Cancelar",
		French:            "Annuler",
		German:            "Abbrechen",
		Russian:           "Отмена",
		ChineseSimplified: "取消",
	},
	"Save": {
		Spanish:           "Guardar",
		PortugueseBR:      "Salvar",
		French:            "Enregistrer",
		German:            "Speichern",
		Russian:           "Сохранить",
		ChineseSimplified: "保存",
	},
	"Save & Close": {
		Spanish:           "Guardar y cerrar",
		PortugueseBR:      "Salvar e fechar",
		French:            "Enregistrer et fermer",
		German:            "Speichern und schließen",
		Russian:           "Сохранить и закрыть",
		ChineseSimplified: "保存并关闭",
	},
	"Customers": {
		Spanish:           "Clientes",
		PortugueseBR:      "Clientes",
		French:            "Clients",
		German:            "Kunden",
		Russian:           "Клиенты",
		ChineseSimplified: "客户",
	},
	"Tariffs": {
		Spanish:           "Tarifas",
		PortugueseBR:      "Tarifas",
		French:            "Tarifs",
		German:            "Tarife",
		Russian:           "Тарифы",
		ChineseSimplified: "资费",
	},
	"Currencies": {
		Spanish:           "Monedas",
		PortugueseBR:      "Moedas",
		French:            "Devises",
		German:            "Währungen",
		Russian:           "Валюты",
		ChineseSimplified: "货币",
	},
	"Balance: %s": {
		Spanish:           "Saldo: %s",
		PortugueseBR:      "Saldo: %s",
		French:            "Solde\u00a0: %s",
		German:            "Saldo: %s",
		Russian:           "Баланс: %s",
		ChineseSimplified: "余额：%s",
	},
	"Time zone": {
		Spanish:           "Zona horaria",
		PortugueseBR:      "Fuso horário",
		French:            "Fuseau horaire",
		German:            "Zeitzone",
		Russian:           "Часовой пояс",
		ChineseSimplified: "时区",
	},
	"Language": {
		Spanish:           "Idioma",
		PortugueseBR:      "Idioma",
		French:            "Langue",
		German:            "Sprache",
		Russian:           "Язык",
		ChineseSimplified: "语言",
	},
}
