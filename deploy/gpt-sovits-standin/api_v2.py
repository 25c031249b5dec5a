"""
STAND-IN for GPT-SoVITS's api_v2.py (see README.md beside this file): the same command line, endpoints,
parameters, validations, error bodies and one-request-at-a-time behaviour, but the speech is eSpeak NG's,
pitched by the loaded SoVITS weights. No model runs here. Python 3 standard library only.

    python3 api_v2.py -a 127.0.0.1 -p 9880 -c GPT_SoVITS/configs/tts_infer.yaml

Stand-in-only additions, never part of GPT-SoVITS: GET /standin/state, the X-Standin-Gpt and
X-Standin-Sovits headers on /tts answers, and the faults STANDIN_LEAK_MB, STANDIN_SLOW_MS,
STANDIN_START_MS and the text markers [[crash]], [[crash-once]] and [[hang]].
"""

import argparse
import array
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import wave
import zipfile
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

VERSIONS = ["v1", "v2", "v3", "v4", "v2Pro", "v2ProPlus"]
# TTS.py: v1 weights speak fewer languages than every later version.
V1_LANGUAGES = ["auto", "en", "zh", "ja", "all_zh", "all_ja"]
V2_LANGUAGES = ["auto", "auto_yue", "en", "zh", "ja", "yue", "ko", "all_zh", "all_ja", "all_yue", "all_ko"]
# text_segmentation_method.py registers these.
CUT_METHODS = ["cut0", "cut1", "cut2", "cut3", "cut4", "cut5"]
MEDIA_TYPES = ["wav", "raw", "ogg", "aac"]
# process_ckpt.py: the two bytes that replace a SoVITS archive's "PK" name its model version.
SOVITS_HEADS = {b"00": "v1", b"01": "v2", b"02": "v3", b"03": "v3", b"04": "v4", b"05": "v2Pro", b"06": "v2ProPlus"}
# The output rate of each SoVITS version (v3 and v4 speak through their vocoders).
SAMPLE_RATES = {"v3": 24000, "v4": 48000}
DEFAULT_SAMPLE_RATE = 32000
# The en_US text of GPT-SoVITS's error for a reference clip outside 3-10 s (librosa at 16 kHz: 48000-160000 samples).
REFERENCE_LENGTH_ERROR = "Reference audio is outside the 3-10 second range, please choose another one!"
ESPEAK_VOICES = {"zh": "cmn", "all_zh": "cmn", "en": "en-us", "ja": "ja", "all_ja": "ja", "ko": "ko",
                 "all_ko": "ko", "yue": "yue", "all_yue": "yue", "auto_yue": "yue"}
# TTS_Config's default v2 section, written where -c points when there is no config yet.
DEFAULT_V2 = {
    "bert_base_path": "GPT_SoVITS/pretrained_models/chinese-roberta-wwm-ext-large",
    "cnhuhbert_base_path": "GPT_SoVITS/pretrained_models/chinese-hubert-base",
    "device": "cpu", "is_half": False, "version": "v2",
    "t2s_weights_path": "GPT_SoVITS/pretrained_models/gsv-v2final-pretrained/s1bert25hz-5kh-longer-epoch=12-step=369668.ckpt",
    "vits_weights_path": "GPT_SoVITS/pretrained_models/gsv-v2final-pretrained/s2G2333k.pth",
}
CRASH_MARKER = "[[crash]]"
# Crashes the first process that speaks a given text, and no later one: the markers of texts already
# crashed on are files beside the config (which stays where the worker put it across restarts).
CRASH_ONCE_MARKER = "[[crash-once]]"
HANG_MARKER = "[[hang]]"

# POST /tts fields and their types, as api_v2's TTS_Request declares them (None: no default).
REQUEST_FIELDS = {
    "text": (str, None), "text_lang": (str, None), "ref_audio_path": (str, None),
    "aux_ref_audio_paths": (list, None), "prompt_lang": (str, None), "prompt_text": (str, ""),
    "top_k": (int, 15), "top_p": (float, 1), "temperature": (float, 1), "text_split_method": (str, "cut5"),
    "batch_size": (int, 1), "batch_threshold": (float, 0.75), "split_bucket": (bool, True),
    "speed_factor": (float, 1.0), "fragment_interval": (float, 0.3), "seed": (int, -1),
    "media_type": (str, "wav"), "streaming_mode": ("bool_or_int", False), "parallel_infer": (bool, True),
    "repetition_penalty": (float, 1.35), "sample_steps": (int, 32), "super_sampling": (bool, False),
    "overlap_length": (int, 2), "min_chunk_length": (int, 16),
}


def log(message):
    print(message, flush=True)


class Refused(Exception):
    """An answer other than audio: status and JSON body (or plain text) as api_v2 would send them."""

    def __init__(self, status, body):
        super().__init__(str(body))
        self.status = status
        self.body = body


# ---------------------------------------------------------------- configuration (TTS_Config)

def read_yaml(path):
    """The two-level mapping tts_infer.yaml is: sections of 'key: value' lines."""
    sections = {}
    current = None
    with open(path, "r", encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line.startswith(" "):
                current = {}
                sections[line.split(":", 1)[0].strip()] = current
                continue
            key, _, value = line.strip().partition(":")
            value = value.strip().strip("'\"")
            current[key.strip()] = {"true": True, "false": False}.get(value.lower(), value)
    return sections


def write_yaml(path, sections):
    with open(path, "w", encoding="utf-8") as f:
        for name, values in sections.items():
            f.write(name + ":\n")
            for key in sorted(values):
                value = values[key]
                f.write("  %s: %s\n" % (key, str(value).lower() if isinstance(value, bool) else value))


class Config:
    """The 'custom' section (else 'v2') of the config file; saved back whenever weights change, as TTS_Config does."""

    def __init__(self, path):
        self.path = path
        if not os.path.exists(path):
            log("Path does not exist, using default configuration")
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            write_yaml(path, {"custom": dict(DEFAULT_V2), "v2": dict(DEFAULT_V2)})
        self.sections = read_yaml(path)
        chosen = self.sections.get("custom", self.sections.get("v2", {}))
        self.device = str(chosen.get("device", "cpu"))
        self.is_half = bool(chosen.get("is_half", False))
        if "cuda" in self.device:
            log("Warning: CUDA is not available, set device to CPU.")
            self.device = "cpu"
        if self.device == "cpu" and self.is_half:
            log("Warning: Half precision is not supported on CPU, set is_half to False.")
            self.is_half = False
        self.version = chosen.get("version")
        if self.version not in VERSIONS:
            raise AssertionError("Invalid version!")
        self.t2s_weights_path = chosen.get("t2s_weights_path")
        self.vits_weights_path = chosen.get("vits_weights_path")
        self.bert_base_path = chosen.get("bert_base_path")
        self.cnhuhbert_base_path = chosen.get("cnhuhbert_base_path")
        self.languages = V1_LANGUAGES if self.version == "v1" else V2_LANGUAGES

    def update_version(self, version):
        self.version = version
        self.languages = V1_LANGUAGES if version == "v1" else V2_LANGUAGES

    def save(self):
        self.sections["custom"] = {
            "device": self.device, "is_half": self.is_half, "version": self.version,
            "t2s_weights_path": self.t2s_weights_path, "vits_weights_path": self.vits_weights_path,
            "bert_base_path": self.bert_base_path, "cnhuhbert_base_path": self.cnhuhbert_base_path,
        }
        write_yaml(self.path, self.sections)

    def __str__(self):
        lines = ["TTS Config".center(100, "-")]
        for key in ["device", "is_half", "version", "t2s_weights_path", "vits_weights_path", "bert_base_path",
                    "cnhuhbert_base_path"]:
            lines.append("%s: %s" % (key.ljust(20), getattr(self, key)))
        lines.append("-" * 100)
        return "\n".join(lines)


# ---------------------------------------------------------------- weights

class Weights:
    """What a weights file says about itself: its speaker and, for SoVITS, the pitch it speaks at."""

    def __init__(self, speaker, pitch, version=None):
        self.speaker = speaker
        self.pitch = pitch
        self.version = version


def read_archive(data):
    """A PyTorch archive (zip of <name>/data.pkl ...); the stand-in's files add <name>/standin.json."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except zipfile.BadZipFile:
        raise RuntimeError("PytorchStreamReader failed reading zip archive: failed finding central directory")
    if not any(name.endswith("/data.pkl") or name == "data.pkl" for name in names):
        raise RuntimeError("PytorchStreamReader failed locating file data.pkl: file not found")
    described = [name for name in names if name.endswith("standin.json")]
    if described:
        return json.loads(archive.read(described[0]).decode("utf-8"))
    # Real-looking weights without the stand-in's note: a speaker and pitch of their own, from their bytes.
    digest = hashlib.sha256(data).hexdigest()
    return {"speaker": "sha256:" + digest[:12], "pitch": int(digest[:2], 16) % 100}


def load_gpt(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] != b"PK":
        # torch.load falls back to the legacy pickle format and fails on its first byte.
        first = data[:1].decode("latin-1") if data else ""
        raise RuntimeError("invalid load key, '%s'." % first if data else "Ran out of input")
    return Weights(read_archive(data).get("speaker"), None)


def load_sovits(path):
    with open(path, "rb") as f:
        data = f.read()
    head = data[:2]
    if head == b"PK":
        # Weights saved before version heads: process_ckpt.py tells v1 from v2 (and v3) by the file's size.
        size = len(data)
        version = "v1" if size < 82978 * 1024 else "v2" if size < 700 * 1024 * 1024 else "v3"
    elif head in SOVITS_HEADS:
        version = SOVITS_HEADS[head]
        data = b"PK" + data[2:]
    else:
        raise KeyError(head)
    note = read_archive(data)
    return Weights(note.get("speaker"), int(note.get("pitch", 50)), version)


# ---------------------------------------------------------------- audio

def reference_samples_16k(path):
    """How many samples the clip has at 16 kHz, as GPT-SoVITS measures it (librosa.load(sr=16000))."""
    try:
        with wave.open(path, "rb") as clip:
            return int(round(clip.getnframes() * 16000 / clip.getframerate()))
    except (wave.Error, EOFError):
        pass
    decoded = subprocess.run(["ffmpeg", "-v", "error", "-i", path, "-f", "s16le", "-ac", "1", "-ar", "16000",
                              "pipe:1"], capture_output=True)
    if decoded.returncode != 0:
        raise RuntimeError("Error opening '%s': Format not recognised." % path)
    return len(decoded.stdout) // 2


def espeak(text, voice, pitch, speed):
    """eSpeak NG's rendering of the text at 22050 Hz, as 16-bit samples; the text goes on stdin."""
    with tempfile.NamedTemporaryFile(suffix=".wav") as out:
        subprocess.run(["espeak-ng", "-v", voice, "-p", str(pitch), "-s", str(speed), "-b", "1", "--stdin",
                        "-w", out.name], input=text.encode("utf-8"), check=True, capture_output=True)
        with wave.open(out.name, "rb") as rendered:
            samples = array.array("h")
            samples.frombytes(rendered.readframes(rendered.getnframes()))
            return samples, rendered.getframerate()


def resample(samples, source_rate, target_rate):
    """Linear interpolation: enough for a stand-in (only ever from eSpeak NG's 22050 Hz up)."""
    if source_rate == target_rate or not samples:
        return samples
    count = int(len(samples) * target_rate / source_rate)
    step = source_rate / target_rate
    last = len(samples) - 1
    out = array.array("h", bytes(2 * count))
    for n in range(count):
        position = n * step
        i = int(position)
        if i >= last:
            out[n] = samples[last]
            continue
        fraction = position - i
        out[n] = int(samples[i] + (samples[i + 1] - samples[i]) * fraction)
    return out


def wav_bytes(pcm, rate):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm)
    return buffer.getvalue()


def ffmpeg_encode(pcm, rate, codec, container):
    done = subprocess.run(["ffmpeg", "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
                           "-c:a", codec, "-vn", "-f", container, "pipe:1"], input=pcm, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def pack(pcm, rate, media_type):
    if media_type == "wav":
        return wav_bytes(pcm, rate)
    if media_type == "ogg":
        return ffmpeg_encode(pcm, rate, "libvorbis", "ogg")
    if media_type == "aac":
        return ffmpeg_encode(pcm, rate, "aac", "adts")
    return pcm


# ---------------------------------------------------------------- the pipeline (TTS)

class Pipeline:
    """One global weight slot and prompt cache, like GPT-SoVITS's TTS object: every request shares them."""

    def __init__(self, config):
        self.config = config
        self.gpt = None
        self.sovits = None
        self.prompt_cache_path = None
        self.served = 0
        self.leak = []
        for path, loader, slot in [(config.t2s_weights_path, load_gpt, "gpt"),
                                   (config.vits_weights_path, load_sovits, "sovits")]:
            # The config names pretrained weights the stand-in has none of. Like GPT-SoVITS, weights that are
            # there are loaded and a file that is there but unreadable stops the start-up (a config saved
            # after a failed switch does that to the real server).
            if path in [None, ""] or not os.path.exists(path):
                log("stand-in: no %s weights at %s; speaking as the pretrained model" % (slot, path))
                continue
            setattr(self, slot, loader(path))
        if self.sovits is not None:
            config.update_version(self.sovits.version)

    def sample_rate(self):
        return SAMPLE_RATES.get(self.config.version, DEFAULT_SAMPLE_RATE)

    def init_t2s_weights(self, path):
        log("Loading Text2Semantic weights from %s" % path)
        self.config.t2s_weights_path = path
        self.config.save()
        self.gpt = load_gpt(path)

    def init_vits_weights(self, path):
        self.config.vits_weights_path = path
        weights = load_sovits(path)
        self.config.update_version(weights.version)
        self.sovits = weights
        log("Loading VITS weights from %s. <All keys matched successfully>" % path)
        self.config.save()

    def set_ref_audio(self, path):
        samples = reference_samples_16k(path)
        if samples > 160000 or samples < 48000:
            raise OSError(REFERENCE_LENGTH_ERROR)
        self.prompt_cache_path = path

    def speakers(self):
        return (self.gpt.speaker if self.gpt else "(pretrained)", self.sovits.speaker if self.sovits else "(pretrained)")

    def run(self, req):
        """(sample rate, 16-bit PCM) for the request, or an exception that api_v2 turns into 'tts failed'."""
        text = req["text"]
        prompt_text = req.get("prompt_text")
        ref_audio_path = req.get("ref_audio_path")
        if prompt_text in [None, ""] and self.config.version in ("v3", "v4"):
            raise RuntimeError("prompt_text cannot be empty when using SoVITS_V3")
        if ref_audio_path != self.prompt_cache_path:
            if not os.path.exists(ref_audio_path):
                raise ValueError("%s not exists" % ref_audio_path)
            self.set_ref_audio(ref_audio_path)
        self.fault_points(text)
        spoken = text.replace(CRASH_MARKER, " ").replace(HANG_MARKER, " ")
        if not any(c.isalnum() for c in spoken):
            # TTS.run's answer when the text splits into nothing: one second of silence at 16 kHz.
            return 16000, bytes(2 * 16000)
        rate = self.sample_rate()
        pitch = self.sovits.pitch if self.sovits else 50
        words_a_minute = 165 + int(hashlib.sha256((self.speakers()[0]).encode()).hexdigest()[:2], 16) % 21
        speed = max(80, min(450, int(words_a_minute * float(req.get("speed_factor") or 1.0))))
        samples, source_rate = espeak(spoken, ESPEAK_VOICES.get(req["text_lang"].lower(), "en-us"), pitch, speed)
        pcm = resample(samples, source_rate, rate).tobytes()
        # audio_postprocess ends every fragment with fragment_interval of silence.
        pcm += bytes(2 * int(rate * float(req.get("fragment_interval") or 0.3)))
        self.served += 1
        return rate, pcm

    def fault_points(self, text):
        slow = int(os.environ.get("STANDIN_SLOW_MS", "0") or 0)
        if slow > 0:
            time.sleep(slow / 1000)
        leak = int(os.environ.get("STANDIN_LEAK_MB", "0") or 0)
        if leak > 0:
            # Written bytes, so the pages are resident (a zeroed allocation might not be).
            self.leak.append(b"\x01" * (leak * 1024 * 1024))
        if CRASH_MARKER in text:
            log("stand-in: [[crash]] in the text, exiting with 3 mid-request")
            os._exit(3)
        if CRASH_ONCE_MARKER in text:
            crashed = os.path.join(os.path.dirname(os.path.abspath(self.config.path)),
                                   "crashed-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16])
            if not os.path.exists(crashed):
                open(crashed, "w").close()
                log("stand-in: [[crash-once]] in a text not crashed on before, exiting with 3 mid-request")
                os._exit(3)
        if HANG_MARKER in text:
            log("stand-in: [[hang]] in the text, never answering")
            while True:
                time.sleep(3600)


# ---------------------------------------------------------------- request checks (api_v2.check_params)

def check_params(req, config):
    text = req.get("text", "")
    text_lang = req.get("text_lang", "")
    ref_audio_path = req.get("ref_audio_path", "")
    media_type = req.get("media_type", "wav")
    prompt_lang = req.get("prompt_lang", "")
    text_split_method = req.get("text_split_method", "cut5")
    if ref_audio_path in [None, ""]:
        raise Refused(400, {"message": "ref_audio_path is required"})
    if text in [None, ""]:
        raise Refused(400, {"message": "text is required"})
    if text_lang in [None, ""]:
        raise Refused(400, {"message": "text_lang is required"})
    if text_lang.lower() not in config.languages:
        raise Refused(400, {"message": "text_lang: %s is not supported in version %s" % (text_lang, config.version)})
    if prompt_lang in [None, ""]:
        raise Refused(400, {"message": "prompt_lang is required"})
    if prompt_lang.lower() not in config.languages:
        raise Refused(400, {"message": "prompt_lang: %s is not supported in version %s"
                                       % (prompt_lang, config.version)})
    if media_type not in MEDIA_TYPES:
        raise Refused(400, {"message": "media_type: %s is not supported" % media_type})
    if text_split_method not in CUT_METHODS:
        raise Refused(400, {"message": "text_split_method:%s is not supported" % text_split_method})


def streaming_flags(req):
    """api_v2's mapping of streaming_mode (0-3 or a bool) to (streaming, return_fragment)."""
    mode = req.get("streaming_mode", False)
    for value, flags in [(0, (False, False)), (1, (False, True)), (2, (True, False)), (3, (True, False))]:
        if mode == value:
            return flags
    raise Refused(400, {"message": "the value of streaming_mode must be 0, 1, 2, 3(int) or true/false(bool)"})


def invalid(kind, field, message, value, where):
    return {"type": kind, "loc": [where, field], "msg": message, "input": value}


def coerce(field, kind, value, where):
    """FastAPI/pydantic's lax conversion of one parameter; an error entry of its 422 answer on failure."""
    if value is None:
        return None
    if kind == "bool_or_int":
        try:
            return coerce(field, bool, value, where)
        except Refused:
            return coerce(field, int, value, where)
    if kind is bool:
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "1", "yes", "on", "t", "y"):
            return True
        if str(value).lower() in ("false", "0", "no", "off", "f", "n"):
            return False
        raise Refused(422, {"detail": [invalid("bool_parsing", field, "Input should be a valid boolean", value,
                                               where)]})
    if kind is int:
        try:
            number = float(value) if not isinstance(value, bool) else None
            if number is not None and number == int(number):
                return int(number)
        except (TypeError, ValueError):
            pass
        raise Refused(422, {"detail": [invalid("int_parsing", field,
                                               "Input should be a valid integer, unable to parse string as an integer",
                                               value, where)]})
    if kind is float:
        try:
            if not isinstance(value, bool):
                return float(value)
        except (TypeError, ValueError):
            pass
        raise Refused(422, {"detail": [invalid("float_parsing", field,
                                               "Input should be a valid number, unable to parse string as a number",
                                               value, where)]})
    if kind is list:
        if isinstance(value, list):
            return value
        raise Refused(422, {"detail": [invalid("list_type", field, "Input should be a valid list", value, where)]})
    if isinstance(value, str):
        return value
    raise Refused(422, {"detail": [invalid("string_type", field, "Input should be a valid string", value, where)]})


def post_request(body):
    try:
        fields = json.loads(body.decode("utf-8")) if body else None
    except (UnicodeDecodeError, ValueError):
        raise Refused(422, {"detail": [{"type": "json_invalid", "loc": ["body", 0], "msg": "JSON decode error",
                                        "input": {}}]})
    if not isinstance(fields, dict):
        raise Refused(422, {"detail": [{"type": "model_attributes_type", "loc": ["body"],
                                        "msg": "Input should be a valid dictionary or object to extract fields from",
                                        "input": fields}]})
    req = {}
    for field, (kind, default) in REQUEST_FIELDS.items():
        req[field] = coerce(field, kind, fields[field], "body") if field in fields else default
    return req


def get_request(query):
    req = {}
    for field, (kind, default) in REQUEST_FIELDS.items():
        values = query.get(field)
        req[field] = coerce(field, kind, values[-1], "query") if values else default
    for field in ("text_lang", "prompt_lang"):
        # The GET endpoint lower-cases both before checking them: a missing one is an AttributeError, a 500.
        if req[field] is None:
            raise Refused(500, "Internal Server Error")
        req[field] = req[field].lower()
    return req


# ---------------------------------------------------------------- HTTP

class Handler(BaseHTTPRequestHandler):
    # One connection per request, answered in turn: the server is as serial as api_v2's event loop under inference.
    protocol_version = "HTTP/1.0"
    pipeline = None

    def version_string(self):
        return "uvicorn"

    def log_message(self, format, *args):
        pass

    def access_log(self, status):
        log('INFO:     %s:%d - "%s %s HTTP/1.1" %d' % (self.client_address[0], self.client_address[1], self.command,
                                                      self.path, status))

    def answer(self, status, body, content_type="application/json", headers=None):
        data = body if isinstance(body, bytes) else (
            json.dumps(body, ensure_ascii=False).encode("utf-8") if content_type == "application/json"
            else str(body).encode("utf-8"))
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.send_header("connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.access_log(status)

    def route(self, method):
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        routes = {
            "/tts": {"GET": lambda: self.tts(get_request(query)), "POST": lambda: self.tts(post_request(self.body()))},
            "/control": {"GET": lambda: self.control(first(query, "command"))},
            "/set_gpt_weights": {"GET": lambda: self.set_weights(first(query, "weights_path"), "gpt")},
            "/set_sovits_weights": {"GET": lambda: self.set_weights(first(query, "weights_path"), "sovits")},
            "/set_refer_audio": {"GET": lambda: self.set_refer_audio(first(query, "refer_audio_path"))},
            "/standin/state": {"GET": self.state},
        }
        try:
            if url.path not in routes:
                raise Refused(404, {"detail": "Not Found"})
            if method not in routes[url.path]:
                raise Refused(405, {"detail": "Method Not Allowed"})
            routes[url.path][method]()
        except Refused as refused:
            is_json = not isinstance(refused.body, str)
            self.answer(refused.status, refused.body, "application/json" if is_json else "text/plain; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError):
            log("stand-in: the client went away before its answer")
        except Exception:
            traceback.print_exc()
            self.answer(500, "Internal Server Error", "text/plain; charset=utf-8")

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def body(self):
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def tts(self, req):
        pipeline = self.pipeline
        check_params(req, pipeline.config)
        streaming, fragments = streaming_flags(req)
        try:
            rate, pcm = pipeline.run(req)
            media_type = req["media_type"]
            gpt, sovits = pipeline.speakers()
            headers = {"X-Standin-Gpt": gpt, "X-Standin-Sovits": sovits}
            if streaming or fragments:
                self.stream(rate, pcm, media_type, headers)
                return
            audio = pack(pcm, rate, media_type)
        except Exception as e:
            raise Refused(400, {"message": "tts failed", "Exception": str(e)})
        self.answer(200, audio, "audio/%s" % media_type, headers)

    def stream(self, rate, pcm, media_type, headers):
        """Streaming answered as one chunk: a WAV stream starts with a header of unknown length, then raw PCM."""
        self.send_response(200)
        self.send_header("content-type", "audio/%s" % media_type)
        self.send_header("connection", "close")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if media_type == "wav":
            self.wfile.write(wav_bytes(b"", rate))
            media_type = "raw"
        self.wfile.write(pack(pcm, rate, media_type))
        self.access_log(200)

    def set_weights(self, path, slot):
        if path in ["", None]:
            raise Refused(400, {"message": "%s weight path is required" % slot})
        try:
            if slot == "gpt":
                self.pipeline.init_t2s_weights(path)
            else:
                self.pipeline.init_vits_weights(path)
        except Exception as e:
            raise Refused(400, {"message": "change %s weight failed" % slot, "Exception": describe(e)})
        self.answer(200, {"message": "success"})

    def set_refer_audio(self, path):
        try:
            if path in ["", None] or not os.path.exists(path):
                raise ValueError("%s not exists" % path)
            self.pipeline.set_ref_audio(path)
        except Exception as e:
            raise Refused(400, {"message": "set refer audio failed", "Exception": describe(e)})
        self.answer(200, {"message": "success"})

    def control(self, command):
        if command is None:
            raise Refused(400, {"message": "command is required"})
        if command == "restart":
            log("restarting: %s" % " ".join(sys.argv))
            sys.stdout.flush()
            os.execl(sys.executable, sys.executable, *sys.argv)
        elif command == "exit":
            sys.stdout.flush()
            os.kill(os.getpid(), signal.SIGTERM)
            sys.exit(0)
        self.answer(200, None)

    def state(self):
        """Stand-in only: which speakers the weight slot holds, how many requests it served, its memory."""
        gpt, sovits = self.pipeline.gpt, self.pipeline.sovits
        self.answer(200, {"gpt": gpt.speaker if gpt else None, "sovits": sovits.speaker if sovits else None,
                          "version": self.pipeline.config.version, "served": self.pipeline.served,
                          "rss_kb": rss_kb(), "pid": os.getpid()})


def first(query, name):
    values = query.get(name)
    return values[-1] if values else None


def describe(error):
    """str() of the exception, as api_v2 puts it in "Exception" (a KeyError shows its repr)."""
    if isinstance(error, FileNotFoundError) and error.filename is not None:
        return "[Errno 2] No such file or directory: '%s'" % error.filename
    return str(error)


def rss_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def main():
    parser = argparse.ArgumentParser(description="GPT-SoVITS api (stand-in)")
    parser.add_argument("-c", "--tts_config", type=str, default="GPT_SoVITS/configs/tts_infer.yaml",
                        help="tts_infer path")
    parser.add_argument("-a", "--bind_addr", type=str, default="127.0.0.1", help="default: 127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default="9880", help="default: 9880")
    args = parser.parse_args()
    config_path = args.tts_config or "GPT-SoVITS/configs/tts_infer.yaml"
    log("GPT-SoVITS api_v2 STAND-IN (no model: eSpeak NG speech), pid %d" % os.getpid())
    config = Config(config_path)
    log(str(config))
    Handler.pipeline = Pipeline(config)
    # The real server loads BERT, HuBERT and both models before it binds: seconds to a minute.
    time.sleep(int(os.environ.get("STANDIN_START_MS", "500") or 0) / 1000)
    host = "0.0.0.0" if args.bind_addr == "None" else args.bind_addr
    try:
        server = HTTPServer((host, args.port), Handler)
    except OSError as e:
        log("ERROR:    [Errno %s] error while attempting to bind on address ('%s', %d): %s"
            % (e.errno, host, args.port, e.strerror.lower() if e.strerror else e))
        sys.exit(1)
    log("INFO:     Uvicorn running on http://%s:%d (Press CTRL+C to quit)" % (host, args.port))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
