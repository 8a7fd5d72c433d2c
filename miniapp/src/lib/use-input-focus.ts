import { useCallback, useEffect, useRef } from 'react'
import { isH5 } from '../api/env'

/**
 * Moves the keyboard to an input when `focused` turns true. WeChat does it from the Input's `focus`
 * prop; in H5 React puts the focus back where it was at the end of every commit, so the inner <input>
 * is also focused from an effect, which runs after that. (React sets `focus` on the H5 element as a
 * property, hiding its focus() method, hence the inner element.)
 */
export function useInputFocus(focused: boolean): (element: unknown) => void {
  const element = useRef<Element | null>(null)
  useEffect(() => {
    if (!focused || !isH5()) return
    const inner = element.current?.querySelector('input, textarea')
    if (inner instanceof HTMLElement) inner.focus()
  }, [focused])
  // A callback ref: Taro's H5 components call the ref they are given.
  return useCallback((el: unknown) => {
    element.current = el instanceof Element ? el : null
  }, [])
}
