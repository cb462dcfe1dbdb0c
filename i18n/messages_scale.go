package i18n

// What long operations show while they run in the background.
func init() {
	addMessages(map[string]map[Lang]string{
		"Exporting customers…": {
			Spanish:           "Exportando clientes…",
			PortugueseBR:      "Exportando clientes…",
			French:            "Export des clients…",
			German:            "Kunden werden exportiert…",
			Russian:           "Экспорт клиентов…",
			ChineseSimplified: "正在导出客户…",
		},
		"Exporting the history…": {
			Spanish:           "Exportando el historial…",
			PortugueseBR:      "Exportando o histórico…",
			French:            "Export de l’historique…",
			German:            "Verlauf wird exportiert…",
			Russian:           "Экспорт истории…",
			ChineseSimplified: "正在导出历史记录…",
		},
	})
}
