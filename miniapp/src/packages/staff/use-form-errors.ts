import { useEffect, useState } from 'react'
import { stillWrong, type FormErrors, type Mapped } from './forms'

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
