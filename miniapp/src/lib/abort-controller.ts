/**
 * The WeChat JS engine has no AbortController, and React Query 5 creates one per fetch. The weapp
 * build injects this class where AbortController is referenced (ProvidePlugin in config/index.ts).
 */
type AbortListener = () => void

class AbortSignalShim {
  aborted = false
  reason: unknown = undefined
  onabort: AbortListener | null = null
  private readonly listeners = new Set<AbortListener>()

  addEventListener(_type: 'abort', listener: AbortListener): void {
    this.listeners.add(listener)
  }

  removeEventListener(_type: 'abort', listener: AbortListener): void {
    this.listeners.delete(listener)
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason
  }

  dispatch(reason: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    this.onabort?.()
    this.listeners.forEach((listener) => listener())
  }
}

export class AbortControllerShim {
  readonly signal = new AbortSignalShim()

  abort(reason: unknown = new Error('Aborted')): void {
    this.signal.dispatch(reason)
  }
}
