/**
 * A modal takes the focus for itself when it opens, so a field's autoFocus inside it is lost: this
 * puts the focus on the form's first field once the modal has opened.
 */
export function focusFirstField(formId: string): void {
  const field = document.getElementById(formId)?.querySelector<HTMLElement>('input:not([type=radio]):not([type=hidden]):not([disabled]), textarea, .ant-select-selection-search-input')
  field?.focus()
}
