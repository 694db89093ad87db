print("tasking: not built yet")
