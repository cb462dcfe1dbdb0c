package i18n

// What the store's rules for names say (invisible characters refused).
func init() {
	addMessages(map[string]map[Lang]string{
		"This text contains an invisible character (%s) that can make it look like other text; remove it.": {
			Spanish:           "Este texto contiene un carácter invisible (%s) que puede hacer que parezca otro texto; quítelo.",
			PortugueseBR:      "Este texto contém um caractere invisível (%s) que pode fazê-lo parecer outro texto; remova-o.",
			French:            "Ce texte contient un caractère invisible (%s) qui peut le faire ressembler à un autre texte ; supprimez-le.",
			German:            "Dieser Text enthält ein unsichtbares Zeichen (%s), durch das er wie ein anderer Text aussehen kann; entfernen Sie es.",
			Russian:           "В тексте есть невидимый символ (%s), из-за которого он может выглядеть как другой текст; удалите его.",
			ChineseSimplified: "此文本包含一个不可见字符（%s），可能使它看起来像其他文本；请将其删除。",
		},
	})
}
