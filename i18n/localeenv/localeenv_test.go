package localeenv

import "testing"

func TestFix(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want map[string]string
	}{
		{map[string]string{"LANG": "C"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{"LANG": "C.UTF-8", "LC_ALL": "POSIX"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{"LANG": "de_DE.UTF-8"}, map[string]string{"LANG": "de_DE.UTF-8"}},
		{map[string]string{"LANG": "C", "LC_MESSAGES": "ru_RU.UTF-8"}, map[string]string{"LC_MESSAGES": "ru_RU.UTF-8"}},
	}
	for _, tt := range tests {
		env := map[string]string{}
		for k, v := range tt.env {
			env[k] = v
		}
		Fix(func(k string) string { return env[k] },
			func(k, v string) error { env[k] = v; return nil },
			func(k string) error { delete(env, k); return nil })
		if len(env) != len(tt.want) {
			t.Errorf("%v: got %v, want %v", tt.env, env, tt.want)
			continue
		}
		for k, v := range tt.want {
			if env[k] != v {
				t.Errorf("%v: got %v, want %v", tt.env, env, tt.want)
			}
		}
	}
}
