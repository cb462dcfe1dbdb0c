package i18n

// Titles that name the customer or account a dialog acts on.
func init() {
	addMessages(map[string]map[Lang]string{
		"Delete %s": {
			Spanish:           "Eliminar %s",
			PortugueseBR:      "Excluir %s",
			French:            "Supprimer %s",
			German:            "%s löschen",
			Russian:           "Удалить: %s",
			ChineseSimplified: "删除 %s",
		},
		"Delete account %s": {
			Spanish:           "Eliminar la cuenta %s",
			PortugueseBR:      "Excluir a conta %s",
			French:            "Supprimer le compte %s",
			German:            "Konto %s löschen",
			Russian:           "Удалить счёт %s",
			ChineseSimplified: "删除账户 %s",
		},
		"Move %s": {
			Spanish:           "Mover %s",
			PortugueseBR:      "Mover %s",
			French:            "Déplacer %s",
			German:            "%s verschieben",
			Russian:           "Переместить: %s",
			ChineseSimplified: "移动 %s",
		},
	})
}
