/**
 * A form whose save button sits outside it (in a drawer's header or a modal's footer) has no submit
 * button of its own, and browsers then submit on Enter only when it has a single field. This one,
 * unseen, makes Enter submit from any field.
 */
export function EnterSubmits() {
  return <button type="submit" hidden aria-hidden tabIndex={-1} />
}
