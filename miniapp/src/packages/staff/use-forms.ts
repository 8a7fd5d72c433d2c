import { useEffect, useState } from 'react'
import { serverFieldErrors, stillWrong, type FormErrors, type Mapped } from './forms'

/**
 * A staff form's own errors: `check` on 保存 shows every one; as the form is edited, a shown error
 * goes once its field is right (see stillWrong).
 */
export function useFormErrors<F, R>(form: F | null, toRequest: (form: F) => Mapped<R>): { shown: FormErrors; check: (form: F) => Mapped<R> } {
  const [shown, setShown] = useState<FormErrors>({})
  useEffect(() => {
    if (form) setShown((current) => stillWrong(current, toRequest(form)))
    // toRequest is a pure mapping: only an edit of the form changes what is still wrong.
  }, [form])
  const check = (f: F): Mapped<R> => {
    const mapped = toRequest(f)
    setShown(mapped.ok ? {} : mapped.errors)
    return mapped
  }
  return { shown, check }
}

interface SettingsSave<S, R> {
  mutate: (request: R, options: { onSuccess: (saved: S) => void }) => void
  reset: () => void
  error: unknown
}

/**
 * An HQ settings page (one settings object, edited and saved whole): the form starts from the
 * server's settings, edits clear the last save's outcome, 保存 checks then saves, and the saved
 * settings become the form.
 */
export function useSettingsForm<S, F, R>(settings: S | undefined, save: SettingsSave<S, R>, toForm: (settings: S) => F, toRequest: (form: F) => Mapped<R>) {
  const [form, setForm] = useState<F | null>(null)
  const { shown, check } = useFormErrors(form, toRequest)
  useEffect(() => {
    if (settings && !form) setForm(toForm(settings))
  }, [settings, form])
  return {
    form,
    /** Errors to show next to fields: the server's from the last save, and the form's own. */
    errors: { ...serverFieldErrors(save.error), ...shown },
    /** The form's own errors, for FormError's reminder. */
    ownErrors: shown,
    set: (patch: Partial<F>) => {
      setForm((current) => (current ? { ...current, ...patch } : current))
      save.reset()
    },
    submit: () => {
      if (!form) return
      const mapped = check(form)
      if (mapped.ok) save.mutate(mapped.request, { onSuccess: (saved) => setForm(toForm(saved)) })
    },
  }
}
