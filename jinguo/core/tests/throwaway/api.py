from ninja import Router

router = Router(tags=["throwaway"])


@router.get("/ping", auth=None)
def ping(request):
    return {"pong": True}
