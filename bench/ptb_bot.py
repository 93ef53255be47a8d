"""A minimal in-memory python-telegram-bot webhook bot, the yardstick of bench/side_by_side.py.

Not shipped: one ConversationHandler that answers each update of a flow of `--steps` updates
with the next question (a message with two buttons; a button press is answered first), state
kept in memory only, updates handled concurrently (each reply sent once the state is set), updates taken from a Starlette webhook as PTB's custom-webhook example
does. Run by the benchmark as its own process:

    .venv/bin/python -m bench.ptb_bot --port 8081 --api-url http://127.0.0.1:8080 \
        --token 123:abc --secret s --steps 16
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import AsyncIterator

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)

CONCURRENT_UPDATES = 256
CONNECTION_POOL = 64
_KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Đồng ý", callback_data="yes"),
            InlineKeyboardButton("Không", callback_data="no"),
        ]
    ]
)


def _conversation(steps: int) -> ConversationHandler[ContextTypes.DEFAULT_TYPE]:
    async def step(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        # The new state is set by the ConversationHandler when this returns, so the calls go
        # out after it (as tasks): a person who answers at once meets the new state. Awaiting
        # them here, the next update could arrive first, meet the old state and go unanswered.
        user_data = context.user_data if context.user_data is not None else {}
        done = int(user_data.get("step", 0)) + 1
        user_data["step"] = done
        user_data[f"answer{done}"] = (
            update.effective_message.text if update.effective_message else ""
        )
        assert update.effective_chat is not None
        chat = update.effective_chat
        query = update.callback_query
        last = done >= steps

        async def reply() -> None:
            if query is not None:
                await query.answer()
            if last:
                await chat.send_message("Đã nhận hồ sơ. Cảm ơn anh/chị.")
            else:
                await chat.send_message(f"Câu hỏi {done + 1}/{steps}", reply_markup=_KEYBOARD)

        context.application.create_task(reply(), update=update)
        if last:
            user_data["step"] = 0
            return ConversationHandler.END
        return 1

    answer: list[BaseHandler[Update, ContextTypes.DEFAULT_TYPE, object]] = [
        CallbackQueryHandler(step),
        MessageHandler(filters.TEXT, step),
    ]
    return ConversationHandler(
        entry_points=[CommandHandler("start", step)], states={1: answer}, fallbacks=[]
    )


def build(api_url: str, token: str, secret: str, steps: int) -> Starlette:
    # Configured as a competent PTB user would for a crowd: updates handled concurrently (one
    # person's updates still arrive one after another, as each waits for its reply) and a
    # connection pool large enough for the sends in flight.
    application = (
        Application.builder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .updater(None)
        .concurrent_updates(CONCURRENT_UPDATES)
        .connection_pool_size(CONNECTION_POOL)
        .pool_timeout(10.0)
        .build()
    )
    application.add_handler(_conversation(steps))

    async def webhook(request: Request) -> Response:
        if request.headers.get("X-Telegram-Bot-Api-Secret-Token") != secret:
            return Response(status_code=403)
        update = Update.de_json(await request.json(), application.bot)
        await application.update_queue.put(update)
        return Response()

    async def healthz(_: Request) -> Response:
        return Response("ok")

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with application:
            await application.start()
            yield
            await application.stop()

    return Starlette(
        routes=[
            Route("/webhook/telegram", webhook, methods=["POST"]),
            Route("/readyz", healthz, methods=["GET"]),
        ],
        lifespan=lifespan,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--steps", type=int, required=True)
    args = parser.parse_args()
    app = build(args.api_url, args.token, args.secret, args.steps)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", timeout_keep_alive=120)


if __name__ == "__main__":
    main()
