import { createContext } from 'react'
import type { Stores } from './index'

export const StoresContext = createContext<Stores | null>(null)
