import '@testing-library/jest-dom'
import { configure } from '@testing-library/react'
import { TextDecoder, TextEncoder } from 'node:util'

// react-router reads these at import; jsdom does not define them.
Object.assign(globalThis, { TextEncoder, TextDecoder })

// jsdom lacks the layout APIs antd asks for; these answer as a desktop browser without media queries would.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
})

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = window.ResizeObserver ?? NoResizeObserver

const { getComputedStyle } = window
window.getComputedStyle = (element: Element) => getComputedStyle(element)
window.scrollTo = () => undefined
Element.prototype.scrollIntoView = () => undefined

// antd validates and re-renders asynchronously; on a busy 2-core machine that can take more than
// Testing Library's default second.
configure({ asyncUtilTimeout: 5000 })
