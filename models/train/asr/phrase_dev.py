"""Dev set for the phrase boost of the embedded engine's beam search (src/asr/embedded/phrase-boost.ts).

Sentences written here for this purpose (not the fixture calls' text): half contain one of the default rule
pack's hot phrases (recording disclosure, condolences, hold phrases) in varied contexts, half are controls with
the same words in other orders (recorded, quality, training, sorry, hold, moment) where no phrase should appear.
Voices: espeak-ng en-us+Andy, en-us+AnxiousAndy, en-gb-x-rp+linda (in neither the training, the held-out test
voices nor the fixture calls), through the telephone channel (16 kHz -> 8 kHz G.711 mu-law -> 16 kHz, sox).
Writes work/eval/phrasedev/<id>.wav + <id>.txt, the folder layout `npm run eval:asr -- <folder>` reads.

  /usr/bin/python3 models/train/asr/phrase_dev.py
"""
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "work", "eval", "phrasedev")
VOICES = ["en-us+Andy", "en-us+AnxiousAndy", "en-gb-x-rp+linda"]

WITH_PHRASE = [
    "Good afternoon and welcome, this call may be recorded for quality and training purposes.",
    "Hi there, just so you know this call is being recorded.",
    "Before we start, this call is recorded for training purposes.",
    "All calls are recorded for quality and training, so how can I help?",
    "Thanks for holding, calls may be recorded to help us improve.",
    "Please note that this call may be monitored or recorded.",
    "Our calls are recorded and monitored for your security.",
    "Your call may be recorded for training and quality.",
    "Welcome to customer care, this call may be recorded.",
    "Hello, my name is Sam and this call is being recorded today.",
    "I'm so sorry, that is not the news you wanted.",
    "Oh no, I'm sorry to hear about the accident.",
    "I am so sorry to hear your father passed away last week.",
    "I'm really sorry for your loss, let me take care of the account for you.",
    "Please accept my condolences, we will close the account today.",
    "My deepest sympathies to you and your family.",
    "That must be hard for you, I will sort out the bill.",
    "That must be difficult, so let me make this quick for you.",
    "Sorry to hear that, I will refund the charge right now.",
    "That sounds hard, we can pause the payments for a month.",
    "Please hold while I check that for you.",
    "Bear with me while I look up your account.",
    "One moment please, the system is slow today.",
    "I'll put you on hold for two minutes.",
    "Can I put you on hold while I speak to billing?",
    "Give me a moment to find the order.",
]

CONTROLS = [
    "I recorded the game last night and watched it twice.",
    "The quality of the signal has been poor since Monday.",
    "We offer training for new staff every spring.",
    "He was sorry he missed the delivery window.",
    "Hold on, the router lights are still flashing.",
    "At the moment the engineer is on his way.",
    "My mother kept a record of every payment she made.",
    "The training course costs forty pounds a month.",
    "I would like to know why my bill went up in May.",
    "Can you tell me when the new card will arrive?",
    "The call dropped three times this morning.",
    "I want to cancel the contract and close the account.",
    "Your loss of service will be credited to the next bill.",
    "We will send a new router by Friday.",
    "The hard drive in the set top box has failed.",
    "She said the quality of the picture is great now.",
    "Please confirm the first line of your address.",
    "I need to update the phone number on my account.",
    "The payment was taken twice from my bank.",
    "Let me check the moment the fault was reported.",
    "Can you hold the parcel at the depot for me?",
    "The engineer recorded a fault on the line.",
    "I'm calling about the price of the broadband deal.",
    "They were monitoring the network all night.",
    "That must be the wrong address on the letter.",
    "I was put through to the wrong department earlier.",
]


def render(utt, text, voice):
    wav = os.path.join(OUT, utt + ".wav")
    if os.path.exists(wav):
        return
    with tempfile.TemporaryDirectory() as tmp:
        raw, ul = os.path.join(tmp, "raw.wav"), os.path.join(tmp, "x.ul")
        subprocess.run(["espeak-ng", "-v", voice, "-w", raw, text], check=True, capture_output=True)
        subprocess.run(["sox", "-V1", raw, "-t", "ul", "-r", "8000", "-c", "1", ul, "rate", "-v", "8000"], check=True)
        subprocess.run(["sox", "-V1", "-t", "ul", "-r", "8000", "-c", "1", ul, "-r", "16000", "-b", "16", "-e",
                        "signed-integer", wav + ".tmp.wav", "rate", "-v", "16000"], check=True)
        os.replace(wav + ".tmp.wav", wav)
    with open(os.path.join(OUT, utt + ".txt"), "w") as f:
        f.write(text)


def main():
    os.makedirs(OUT, exist_ok=True)
    for kind, sentences in (("phrase", WITH_PHRASE), ("control", CONTROLS)):
        for i, text in enumerate(sentences):
            for k, voice in enumerate(VOICES):
                render(f"{kind}{i:02d}_{k}", text, voice)
    print(f"{len(os.listdir(OUT)) // 2} clips in {OUT}")


if __name__ == "__main__":
    main()
